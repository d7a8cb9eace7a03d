package org.bertlab.core.mapping;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;

/**
 * The validated symbol-to-token table of a {@link TokenMapping}, filled one entry at a time so that a reader
 * can tell which entry (file line) broke the one-to-one property.
 */
final class MappingTable {

    private final SymbolTokenizer tokenizer;
    private final Map<String, String> tokenBySymbol = new LinkedHashMap<>();
    private final Map<String, String> symbolByToken = new HashMap<>();

    MappingTable(SymbolTokenizer tokenizer) {
        this.tokenizer = Validate.notNull(tokenizer, "tokenizer must not be null");
    }

    /**
     * @throws IllegalArgumentException for a malformed symbol or token, a repeated symbol, or a token that is
     *             already the target of another symbol (named in the message)
     */
    void add(String symbol, String token) {
        Validate.isTrue(StringUtils.isNotEmpty(symbol) && !StringUtils.containsWhitespace(symbol),
                "symbol must be non-empty without whitespace but was '%s'", symbol);
        if (tokenizer.unit() == SymbolUnit.KMER) {
            Validate.isTrue(symbol.length() == tokenizer.k(),
                    "symbol '%s' has length %d but the tokenizer makes %d-mers", symbol, symbol.length(),
                    tokenizer.k());
            Validate.isTrue(symbol.equals(symbol.toUpperCase(Locale.ROOT)),
                    "symbol '%s' must be upper case: k-mers are upper-cased before lookup", symbol);
        }
        Validate.isTrue(StringUtils.isNotEmpty(token) && !StringUtils.containsWhitespace(token),
                "token of symbol '%s' must be non-empty without whitespace but was '%s'", symbol, token);
        Validate.isTrue(!tokenBySymbol.containsKey(symbol), "symbol '%s' is mapped twice", symbol);
        String other = symbolByToken.putIfAbsent(token, symbol);
        Validate.isTrue(other == null,
                "mapping must be one-to-one but token '%s' is the target of both '%s' and '%s'", token, other,
                symbol);
        tokenBySymbol.put(symbol, token);
    }

    /** @throws IllegalArgumentException when the replacement token of the policy is already a target */
    void checkPolicy(UnknownSymbolPolicy policy) {
        Validate.notNull(policy, "unknownPolicy must not be null");
        if (policy.action() == UnknownSymbolPolicy.Action.REPLACE) {
            Validate.isTrue(!symbolByToken.containsKey(policy.replacement()),
                    "unknown-symbol replacement '%s' is already the target of symbol '%s'", policy.replacement(),
                    symbolByToken.get(policy.replacement()));
        }
    }

    SymbolTokenizer tokenizer() {
        return tokenizer;
    }

    /** @return an unmodifiable view in insertion order */
    Map<String, String> asMap() {
        return Collections.unmodifiableMap(tokenBySymbol);
    }
}
