package io.meshkit.warehousebigquery.internal;

import com.google.auth.oauth2.GoogleCredentials;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Function;

/**
 * A client made on its first call, once Application Default Credentials are found: opening the
 * warehouse sends nothing, and a machine without credentials gets one line saying how to provide
 * them instead of the client library's NullPointerException at the first query.
 */
final class LazyClient {
    private LazyClient() {}

    static BigQueryClient of(String uri, Function<GoogleCredentials, BigQueryClient> factory) {
        Object[] made = new Object[1];
        return (BigQueryClient) Proxy.newProxyInstance(BigQueryClient.class.getClassLoader(), new Class<?>[] {BigQueryClient.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "BigQueryClient(" + uri + ")";
                        };
                    }
                    BigQueryClient client;
                    synchronized (made) {
                        if (made[0] == null) {
                            if (method.getName().equals("close")) {
                                return null;
                            }
                            made[0] = factory.apply(credentials(uri));
                        }
                        client = (BigQueryClient) made[0];
                    }
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static GoogleCredentials credentials(String uri) {
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use warehouse " + uri
                    + ": no Application Default Credentials (set GOOGLE_APPLICATION_CREDENTIALS to a key file,"
                    + " or run `gcloud auth application-default login`)", e);
        }
    }
}
