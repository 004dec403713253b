package io.github.dismagent.jmx;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.Principal;
import java.util.stream.Collectors;
import javax.security.auth.Subject;

/**
 * Who is calling a JMX operation: the principals of the JMX connector's authenticated subject
 * (e.g. {@code controlRole}), for the log line of every operation that can change a mount.
 */
final class JmxCaller {
    private static final MethodHandle CURRENT_SUBJECT = currentSubject();

    private JmxCaller() {
    }

    static String describe() {
        Subject subject = subject();
        if (subject == null || subject.getPrincipals().isEmpty()) {
            return "an unauthenticated or local JMX caller";
        }
        return "JMX principal " + subject.getPrincipals().stream().map(Principal::getName).distinct().collect(Collectors.joining(", "));
    }

    private static Subject subject() {
        if (CURRENT_SUBJECT == null) {
            return null;
        }
        try {
            return (Subject) CURRENT_SUBJECT.invoke();
        } catch (Throwable e) {
            return null;
        }
    }

    /**
     * {@code Subject.current()} from JDK 18; on 17, {@code Subject.getSubject(AccessController.getContext())},
     * which later JDKs no longer support. Looked up reflectively so that one jar runs on both.
     */
    private static MethodHandle currentSubject() {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            return lookup.findStatic(Subject.class, "current", MethodType.methodType(Subject.class));
        } catch (ReflectiveOperationException notOnThisJdk) {
            try {
                Class<?> controller = Class.forName("java.security.AccessController");
                Class<?> context = Class.forName("java.security.AccessControlContext");
                MethodHandle getContext = lookup.findStatic(controller, "getContext", MethodType.methodType(context));
                MethodHandle getSubject = lookup.findStatic(Subject.class, "getSubject", MethodType.methodType(Subject.class, context));
                return MethodHandles.filterReturnValue(getContext, getSubject);
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
    }
}
