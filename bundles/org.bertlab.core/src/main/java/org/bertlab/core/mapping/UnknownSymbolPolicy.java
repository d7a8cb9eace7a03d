package org.bertlab.core.mapping;

import java.util.Locale;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;

/**
 * What {@link TokenMapping#apply(String)} does with a symbol that has no mapping: fail, skip it, or write a
 * replacement token (typically the model's {@code [UNK]}).
 *
 * @param action the action
 * @param replacement the replacement token for {@link Action#REPLACE}, otherwise null
 */
public record UnknownSymbolPolicy(Action action, String replacement) {

    /** The possible actions. */
    public enum Action {
        /** Throw an IllegalArgumentException naming the symbol. */
        FAIL,
        /** Leave the symbol out. */
        SKIP,
        /** Write the replacement token. */
        REPLACE
    }

    /** Validates that exactly REPLACE carries a single-token replacement. */
    public UnknownSymbolPolicy {
        Validate.notNull(action, "unknown-symbol action must not be null");
        if (action == Action.REPLACE) {
            Validate.isTrue(StringUtils.isNotEmpty(replacement) && !StringUtils.containsWhitespace(replacement),
                    "unknown-symbol replacement must be one token without whitespace but was '%s'", replacement);
        } else {
            Validate.isTrue(replacement == null, "unknown-symbol replacement is only allowed with REPLACE");
        }
    }

    /** @return the policy that fails on an unknown symbol */
    public static UnknownSymbolPolicy fail() {
        return new UnknownSymbolPolicy(Action.FAIL, null);
    }

    /** @return the policy that drops unknown symbols */
    public static UnknownSymbolPolicy skip() {
        return new UnknownSymbolPolicy(Action.SKIP, null);
    }

    /**
     * @param token e.g. {@code [UNK]}
     * @return the policy that writes the token for an unknown symbol
     */
    public static UnknownSymbolPolicy replaceWith(String token) {
        return new UnknownSymbolPolicy(Action.REPLACE, token);
    }

    /** @return the setting as written in the mapping file header: fail, skip or replace:TOKEN */
    public String setting() {
        return action == Action.REPLACE ? "replace:" + replacement : action.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param setting fail, skip or replace:TOKEN
     * @return the policy
     */
    public static UnknownSymbolPolicy fromSetting(String setting) {
        if ("fail".equals(setting)) {
            return fail();
        }
        if ("skip".equals(setting)) {
            return skip();
        }
        if (StringUtils.startsWith(setting, "replace:")) {
            return replaceWith(setting.substring("replace:".length()));
        }
        throw new IllegalArgumentException(
                "unknown must be one of fail, skip, replace:TOKEN but was '" + setting + "'");
    }
}
