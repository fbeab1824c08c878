package io.meshkit.warehousepostgres;

/** Where the tests find PostgreSQL: {@code MESHKIT_TEST_POSTGRES_URL}, or the local server every development machine runs. */
final class TestPostgres {
    private TestPostgres() {}

    static String url() {
        String url = System.getenv("MESHKIT_TEST_POSTGRES_URL");
        return url == null || url.isBlank() ? "postgres://postgres@127.0.0.1:5432/test" : url;
    }
}
