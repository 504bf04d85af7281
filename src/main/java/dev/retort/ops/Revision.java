package dev.retort.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Identifies a migration class: its revision id (12 lowercase hex digits), its parents (none for the first
 * revision, several for a merge), the message it was created with and when (ISO-8601).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Revision {
    String id();

    String[] parents() default {};

    String message();

    String created();
}
