package io.github.dismagent.jmx;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import javax.management.MBeanOperationInfo;

/** An operation's impact: {@link MBeanOperationInfo#ACTION} and so on (JMX's default, UNKNOWN, says nothing). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Impact {
    int value() default MBeanOperationInfo.ACTION;
}
