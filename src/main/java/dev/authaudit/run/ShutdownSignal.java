package dev.authaudit.run;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into a clean stop of {@code watch}: the loop ends after its current poll,
 * saves checkpoints, and the command returns 0, so systemd sees a clean exit rather than Java's 143.
 * The JDK's {@code sun.misc.Signal} is reached by reflection (it is not a public API); where it is
 * missing, a shutdown hook stops the loop and waits for its last save instead.
 */
public final class ShutdownSignal {
    private static final Logger log = LoggerFactory.getLogger(ShutdownSignal.class);

    private ShutdownSignal() {
    }

    /**
     * Installs the handlers.
     *
     * @param stop asks the loop to stop; called on a signal thread
     * @param stopped waits up to the given time for the loop's last save (for the shutdown hook)
     */
    public static Installed install(Runnable stop, Waiter stopped) {
        Object term = handle("TERM", stop);
        Object intr = handle("INT", stop);
        Thread hook = null;
        if (term == null || intr == null) {
            hook = new Thread(() -> {
                stop.run();
                try {
                    stopped.await(Duration.ofSeconds(2));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "authaudit-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        Thread installedHook = hook;
        return () -> {
            // the command is over: the JVM's own handling comes back (a test JVM stays stoppable)
            restore("TERM", term);
            restore("INT", intr);
            if (installedHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(installedHook);
                } catch (IllegalStateException e) {
                    // already shutting down
                }
            }
        };
    }

    /** Puts the handlers back as they were before {@link #install}. */
    @FunctionalInterface
    public interface Installed extends AutoCloseable {
        @Override
        void close();
    }

    private static void restore(String name, Object previous) {
        if (previous == null) {
            return;
        }
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object sig = signal.getConstructor(String.class).newInstance(name);
            signal.getMethod("handle", signal, handlerType).invoke(null, sig, previous);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("cannot restore the SIG{} handler ({})", name, e.toString());
        }
    }

    /** Waits for the loop to end. */
    @FunctionalInterface
    public interface Waiter {
        /** Waits up to {@code timeout}; returns true when the loop ended. */
        boolean await(Duration timeout) throws InterruptedException;
    }

    /** Installs the handler; returns the one it replaced, or null when signals cannot be handled here. */
    private static Object handle(String name, Runnable stop) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            InvocationHandler ih = (Object proxy, Method m, Object[] args) -> {
                if (m.getName().equals("handle")) {
                    log.info("SIG{} received: stopping after the current poll", name);
                    stop.run();
                    return null;
                }
                if (m.getName().equals("toString")) {
                    return "authaudit " + name + " handler";
                }
                if (m.getName().equals("hashCode")) {
                    return System.identityHashCode(proxy);
                }
                if (m.getName().equals("equals")) {
                    return proxy == args[0];
                }
                return null;
            };
            Object handler = Proxy.newProxyInstance(ShutdownSignal.class.getClassLoader(),
                    new Class<?>[] {handlerType}, ih);
            Object sig = signal.getConstructor(String.class).newInstance(name);
            return signal.getMethod("handle", signal, handlerType).invoke(null, sig, handler);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("cannot handle SIG{} directly ({}); a shutdown hook stops watch instead", name, e.toString());
            return null;
        }
    }
}
