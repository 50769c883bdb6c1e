package dev.seva.consumer;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQLSTATE a failure carries, read from the exception that has one: {@link SQLException#getSQLState()}
 * (JDBC, Hibernate's {@code JDBCException} wraps one) or any exception with a public {@code getSqlState()} /
 * {@code getSQLState()} (the reactive client's {@code io.vertx.sqlclient.DatabaseException}, of which
 * {@code PgException} is one). Read through the accessor so that this module depends on no driver: services
 * use the reactive client, Hibernate Reactive or JDBC, and the accessor is what they share.
 */
public final class SqlStates {

    /** PostgreSQL's unique violation: a concurrent first delivery of the same event took the key. */
    public static final String UNIQUE_VIOLATION = "23505";

    private static final ClassValue<Optional<Method>> ACCESSOR = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            for (String name : new String[]{"getSqlState", "getSQLState"}) {
                try {
                    Method method = type.getMethod(name);
                    if (method.getReturnType() == String.class && !Modifier.isStatic(method.getModifiers())) {
                        // A public method of a class that is not public (a driver's internal subclass) needs this to be called.
                        method.trySetAccessible();
                        return Optional.of(method);
                    }
                } catch (NoSuchMethodException | SecurityException e) {
                    // this type has no such accessor: try the other name
                }
            }
            return Optional.empty();
        }
    };

    private SqlStates() {
    }

    /** The first SQLSTATE found along the failure's causes, upper case; null when none carries one. */
    public static String of(Throwable failure) {
        for (Throwable t : Causes.of(failure)) {
            String state = own(t);
            if (state != null) {
                return state;
            }
        }
        return null;
    }

    /** This exception's own SQLSTATE (not its causes'), upper case, or null. */
    static String own(Throwable t) {
        String state = null;
        if (t instanceof SQLException) {
            state = ((SQLException) t).getSQLState();
        } else {
            Optional<Method> accessor = ACCESSOR.get(t.getClass());
            if (accessor.isPresent()) {
                try {
                    state = (String) accessor.get().invoke(t);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    state = null;
                }
            }
        }
        return state == null || state.isBlank() ? null : state.trim().toUpperCase(Locale.ROOT);
    }

    /**
     * The database is not there for us: class 08 (connection exception), 57P01-57P03 (administrator or crash
     * shutdown, cannot connect now: the database is starting up), class 53 (insufficient resources: too many
     * connections, disk full, out of memory).
     */
    static boolean isInfrastructure(String state) {
        return state.startsWith("08") || state.startsWith("53")
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }

    /** A concurrent transaction got in the way: unique violation (23505), serialization failure (40001), deadlock (40P01). */
    static boolean isConcurrency(String state) {
        return state.equals(UNIQUE_VIOLATION) || state.equals("40001") || state.equals("40P01");
    }
}
