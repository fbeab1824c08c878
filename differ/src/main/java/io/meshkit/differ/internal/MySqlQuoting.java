package io.meshkit.differ.internal;

import io.meshkit.core.warehouse.Quoting;

/** MySQL's (and MariaDB's) quoting: backticks, a backtick inside doubled. */
final class MySqlQuoting implements Quoting {
    /** The one instance. */
    static final MySqlQuoting INSTANCE = new MySqlQuoting();

    private MySqlQuoting() {}

    @Override
    public String quoteIdentifier(String name) {
        return '`' + name.replace("`", "``") + '`';
    }
}
