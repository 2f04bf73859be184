package org.minka.common;

import jakarta.validation.MessageInterpolator;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;

/**
 * Interpolates constraint messages from Minka's own message bundles only. Hibernate Validator's
 * interpolator looks up its bundles through the thread's context class loader, so it reads jar
 * files on an event loop the first time each thread reports a violation.
 */
final class MessageSourceInterpolator implements MessageInterpolator {

    private final MessageSource messages;

    MessageSourceInterpolator(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public String interpolate(String template, Context context) {
        return interpolate(template, context, Locale.ENGLISH);
    }

    @Override
    public String interpolate(String template, Context context, Locale locale) {
        return interpolate(template, context.getConstraintDescriptor(), locale);
    }

    /**
     * A template {@code {key}} is looked up as is, then by the constraint's simple name (e.g.
     * {@code NotBlank}); {@code {attribute}} placeholders are filled from the constraint.
     */
    String interpolate(String template, ConstraintDescriptor<?> constraint, Locale locale) {
        String text = template;
        if (template.startsWith("{") && template.endsWith("}")) {
            String key = template.substring(1, template.length() - 1);
            String simple = constraint.getAnnotation().annotationType().getSimpleName();
            String byConstraint = messages.getMessage(simple, null, template, locale);
            text =
                    key.startsWith("minka.")
                            ? messages.getMessage(key, null, byConstraint, locale)
                            : byConstraint;
        }
        for (Map.Entry<String, Object> attribute : constraint.getAttributes().entrySet()) {
            text =
                    text.replace(
                            "{" + attribute.getKey() + "}", String.valueOf(attribute.getValue()));
        }
        return text;
    }
}
