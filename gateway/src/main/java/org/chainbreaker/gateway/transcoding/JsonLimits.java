package org.chainbreaker.gateway.transcoding;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Limits on the shape of a JSON body, checked in one pass before anything parses it: nesting depth,
 * length of any string, and number of elements of any array. A body that breaks one is refused
 * naming where (the JSON path as far as the scan knows it), so that a deeply nested or padded
 * request costs the gateway almost nothing.
 */
record JsonLimits(int maxDepth, int maxStringLength, int maxArrayLength) {

    static final JsonLimits DEFAULT = new JsonLimits(32, 20_000, 1_000);

    void check(String json) throws BadRequest {
        Deque<String> path = new ArrayDeque<>();
        Deque<int[]> arrayCounts = new ArrayDeque<>();
        Deque<Boolean> inArray = new ArrayDeque<>();
        String lastKey = null;
        boolean expectingKey = false;
        int i = 0;
        int n = json.length();
        while (i < n) {
            char c = json.charAt(i);
            switch (c) {
                case '{', '[' -> {
                    if (inArray.size() >= maxDepth) {
                        throw BadRequest.field(
                                where(path, lastKey), "nests deeper than " + maxDepth + " levels");
                    }
                    countElement(inArray, arrayCounts, path, lastKey);
                    path.push(lastKey == null ? "" : lastKey);
                    inArray.push(c == '[');
                    arrayCounts.push(new int[] {0});
                    expectingKey = c == '{';
                    lastKey = null;
                    i++;
                }
                case '}', ']' -> {
                    if (!inArray.isEmpty()) {
                        inArray.pop();
                        arrayCounts.pop();
                        lastKey = path.pop();
                        lastKey = lastKey.isEmpty() ? null : lastKey;
                    }
                    i++;
                }
                case '"' -> {
                    int end = i + 1;
                    int length = 0;
                    while (end < n && json.charAt(end) != '"') {
                        end = nextCharacter(json, end);
                        length++;
                    }
                    if (length > maxStringLength) {
                        throw BadRequest.field(
                                where(path, expectingKey ? null : lastKey),
                                "is longer than " + maxStringLength + " characters");
                    }
                    if (expectingKey) {
                        lastKey = json.substring(i + 1, Math.min(end, n));
                        expectingKey = false;
                    } else {
                        countElement(inArray, arrayCounts, path, lastKey);
                    }
                    i = end + 1;
                }
                case ',' -> {
                    expectingKey = !inArray.isEmpty() && !inArray.peek();
                    i++;
                }
                case ':', ' ', '\t', '\n', '\r' -> i++;
                default -> {
                    // A number or literal: one element if directly inside an array.
                    countElement(inArray, arrayCounts, path, lastKey);
                    while (i < n && ",]} \t\n\r".indexOf(json.charAt(i)) < 0) {
                        i++;
                    }
                }
            }
        }
    }

    /**
     * Where the character after the one at {@code i} starts: the contract counts characters
     * (Unicode code points, as protovalidate does) after decoding, so an escape ({@code \\u0E01})
     * and a surrogate pair, raw or escaped ({@code \\uD83D\\uDE00}), are one character each.
     */
    private static int nextCharacter(String json, int i) {
        int n = json.length();
        char c = json.charAt(i);
        if (c != '\\') {
            return i
                    + (Character.isHighSurrogate(c)
                                    && i + 1 < n
                                    && Character.isLowSurrogate(json.charAt(i + 1))
                            ? 2
                            : 1);
        }
        if (i + 1 < n && json.charAt(i + 1) == 'u') {
            int unit = hex(json, i + 2);
            int next = i + 6;
            if (unit >= 0
                    && Character.isHighSurrogate((char) unit)
                    && json.startsWith("\\u", next)
                    && hex(json, next + 2) >= 0
                    && Character.isLowSurrogate((char) hex(json, next + 2))) {
                return next + 6;
            }
            return Math.min(next, n);
        }
        return i + 2;
    }

    private static int hex(String json, int at) {
        if (at + 4 > json.length()) {
            return -1;
        }
        int value = 0;
        for (int k = at; k < at + 4; k++) {
            int digit = Character.digit(json.charAt(k), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private void countElement(
            Deque<Boolean> inArray, Deque<int[]> counts, Deque<String> path, String lastKey)
            throws BadRequest {
        if (!inArray.isEmpty() && inArray.peek() && ++counts.peek()[0] > maxArrayLength) {
            throw BadRequest.field(
                    where(path, null), "has more than " + maxArrayLength + " elements");
        }
    }

    private static String where(Deque<String> path, String lastKey) {
        StringBuilder out = new StringBuilder();
        var it = path.descendingIterator();
        while (it.hasNext()) {
            String part = it.next();
            if (!part.isEmpty()) {
                out.append(out.isEmpty() ? "" : ".").append(part);
            }
        }
        if (lastKey != null) {
            out.append(out.isEmpty() ? "" : ".").append(lastKey);
        }
        return out.toString();
    }
}
