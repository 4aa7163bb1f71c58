package org.chainbreaker.gateway.transcoding;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.chainbreaker.gateway.problems.Problem.FieldError;

/**
 * The JSON types the proto3 JSON mapping (ProtoJSON) allows for each field, checked before
 * JsonFormat reads a body, because JsonFormat coerces: {@code 123}, {@code true} or {@code ["a"]}
 * would become the string "123", "true" or "a", a string "true" a bool, and a lenient date parser
 * turns impossible timestamps into other instants. What ProtoJSON accepts stays accepted: integers
 * as numbers or strings (exponents allowed if the value is whole), floating point as numbers,
 * numeric strings or "NaN"/"Infinity"/"-Infinity", enums by name or number, {@code null} for the
 * default of any field, and the wrappers as their bare value. Unknown names and oneof conflicts are
 * left to {@link JsonBodies}, which names them already.
 */
final class ProtoJsonTypes {

    private static final BigInteger MIN_INT64 = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_INT64 = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MAX_UINT64 =
            BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger MIN_INT32 = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger MAX_INT32 = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger MAX_UINT32 = BigInteger.valueOf(0xFFFF_FFFFL);

    /** RFC 3339 as ProtoJSON writes and reads it: upper-case T and Z, 0 to 9 fractional digits. */
    private static final Pattern TIMESTAMP =
            Pattern.compile(
                    "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(Z|([+-])(\\d{2}):(\\d{2}))");

    private static final Pattern DURATION = Pattern.compile("(-)?(\\d{1,12})(?:\\.(\\d{1,9}))?s");
    private static final long MAX_DURATION_SECONDS = 315_576_000_000L;

    /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the range of google.protobuf.Timestamp. */
    private static final long MIN_TIMESTAMP = -62_135_596_800L;

    private static final long MAX_TIMESTAMP = 253_402_300_799L;

    private ProtoJsonTypes() {}

    /**
     * Checks every field of {@code object} as a {@code type}; {@code path} prefixes the JSON names
     * in errors.
     */
    static void check(JsonObject object, Descriptor type, String path, List<FieldError> errors) {
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            FieldDescriptor field = field(type, entry.getKey());
            if (field != null) {
                checkField(field, entry.getValue(), path + entry.getKey(), errors);
            }
        }
    }

    static FieldDescriptor field(Descriptor type, String name) {
        FieldDescriptor field = type.findFieldByName(name);
        if (field == null) {
            for (FieldDescriptor candidate : type.getFields()) {
                if (candidate.getJsonName().equals(name)) {
                    return candidate;
                }
            }
        }
        return field;
    }

    private static void checkField(
            FieldDescriptor field, JsonElement value, String name, List<FieldError> errors) {
        if (value.isJsonNull()) {
            return;
        }
        if (field.isMapField()) {
            if (!value.isJsonObject()) {
                errors.add(new FieldError(name, "must be a JSON object"));
                return;
            }
            FieldDescriptor key = field.getMessageType().findFieldByName("key");
            FieldDescriptor val = field.getMessageType().findFieldByName("value");
            for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
                String at = name + "." + entry.getKey();
                if (key.getType() != FieldDescriptor.Type.STRING) {
                    String problem = single(key, new JsonPrimitive(entry.getKey()));
                    if (problem != null) {
                        errors.add(new FieldError(at, "has an invalid key: " + problem));
                    }
                }
                if (entry.getValue().isJsonNull()) {
                    errors.add(new FieldError(at, "must not be null"));
                } else {
                    checkSingle(val, entry.getValue(), at, errors);
                }
            }
        } else if (field.isRepeated()) {
            if (!value.isJsonArray()) {
                errors.add(new FieldError(name, "must be a JSON array"));
                return;
            }
            JsonArray array = value.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isJsonNull()) {
                    errors.add(new FieldError(name + "[" + i + "]", "must not be null"));
                } else {
                    checkSingle(field, array.get(i), name + "[" + i + "]", errors);
                }
            }
        } else {
            checkSingle(field, value, name, errors);
        }
    }

    private static void checkSingle(
            FieldDescriptor field, JsonElement value, String name, List<FieldError> errors) {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && !FieldValues.isScalarLike(field)) {
            String full = field.getMessageType().getFullName();
            if (full.equals("google.protobuf.Value")
                    || full.equals("google.protobuf.ListValue")
                    || full.equals("google.protobuf.Struct")
                    || full.equals("google.protobuf.Any")) {
                return;
            }
            if (!value.isJsonObject()) {
                errors.add(new FieldError(name, "must be a JSON object"));
            } else {
                check(value.getAsJsonObject(), field.getMessageType(), name + ".", errors);
            }
            return;
        }
        String problem = single(field, value);
        if (problem != null) {
            errors.add(new FieldError(name, problem));
        }
    }

    /**
     * What is wrong with a non-null value of a scalar-like field, or null if ProtoJSON accepts it.
     */
    static String single(FieldDescriptor field, JsonElement value) {
        if (!value.isJsonPrimitive()) {
            return FieldValues.describe(field);
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        FieldDescriptor.Type type = field.getType();
        if (type == FieldDescriptor.Type.MESSAGE) {
            String full = field.getMessageType().getFullName();
            switch (full) {
                case "google.protobuf.Timestamp":
                    return primitive.isString()
                            ? timestampProblem(primitive.getAsString())
                            : FieldValues.describe(field);
                case "google.protobuf.Duration":
                    return primitive.isString() && durationOk(primitive.getAsString())
                            ? null
                            : FieldValues.describe(field);
                case "google.protobuf.FieldMask":
                    return primitive.isString() ? null : FieldValues.describe(field);
                default:
                    // A wrapper: its bare value, checked as the wrapped field.
                    FieldDescriptor wrapped = field.getMessageType().findFieldByName("value");
                    String problem = single(wrapped, value);
                    return problem == null ? null : FieldValues.describe(field);
            }
        }
        boolean ok =
                switch (type) {
                    case STRING -> primitive.isString();
                    case BOOL -> primitive.isBoolean();
                    case BYTES -> primitive.isString() && base64(primitive.getAsString());
                    case ENUM -> primitive.isString() || integer(primitive, MIN_INT32, MAX_INT32);
                    case INT32, SINT32, SFIXED32 -> integer(primitive, MIN_INT32, MAX_INT32);
                    case UINT32, FIXED32 -> integer(primitive, BigInteger.ZERO, MAX_UINT32);
                    case INT64, SINT64, SFIXED64 -> integer(primitive, MIN_INT64, MAX_INT64);
                    case UINT64, FIXED64 -> integer(primitive, BigInteger.ZERO, MAX_UINT64);
                    case DOUBLE -> floating(primitive, Double.MAX_VALUE);
                    case FLOAT -> floating(primitive, Float.MAX_VALUE);
                    default -> false;
                };
        return ok ? null : FieldValues.describe(field);
    }

    private static boolean integer(JsonPrimitive value, BigInteger min, BigInteger max) {
        if (value.isBoolean()) {
            return false;
        }
        BigDecimal number = decimal(value.getAsString());
        if (number == null) {
            return false;
        }
        BigInteger whole;
        try {
            whole = number.toBigIntegerExact();
        } catch (ArithmeticException e) {
            return false;
        }
        return whole.compareTo(min) >= 0 && whole.compareTo(max) <= 0;
    }

    private static boolean floating(JsonPrimitive value, double max) {
        if (value.isBoolean()) {
            return false;
        }
        String text = value.getAsString();
        if (value.isString()
                && (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity"))) {
            return true;
        }
        BigDecimal number = decimal(text);
        return number != null && number.abs().compareTo(new BigDecimal(max)) <= 0;
    }

    /**
     * A JSON number's text (also inside a string, as ProtoJSON allows), or null if it is not one.
     */
    private static BigDecimal decimal(String text) {
        if (!text.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?") || text.length() > 400) {
            return null;
        }
        BigDecimal number = new BigDecimal(text);
        // An exponent that large is no integer or float of any protobuf type; refuse it before it
        // costs anything.
        return Math.abs((long) number.scale()) > 400 ? null : number;
    }

    private static boolean base64(String text) {
        try {
            if (text.indexOf('-') >= 0 || text.indexOf('_') >= 0) {
                Base64.getUrlDecoder().decode(text);
            } else {
                Base64.getDecoder().decode(text);
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Null if {@code text} is an RFC 3339 timestamp as ProtoJSON defines it, else what is wrong.
     */
    static String timestampProblem(String text) {
        var m = TIMESTAMP.matcher(text);
        String expected =
                "must be an RFC 3339 timestamp such as 2026-01-31T09:30:00Z (upper-case T and Z, "
                        + "or an offset such as +07:00)";
        if (!m.matches()) {
            return expected;
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = Integer.parseInt(m.group(6));
        if (year < 1
                || month < 1
                || month > 12
                || day < 1
                || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return "is not a calendar date: " + expected;
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return "is not a time of day (hours 00-23, minutes and seconds 00-59): " + expected;
        }
        long offset = 0;
        if (m.group(9) != null) {
            int offsetHours = Integer.parseInt(m.group(10));
            int offsetMinutes = Integer.parseInt(m.group(11));
            if (offsetHours > 23 || offsetMinutes > 59) {
                return "has an offset outside -23:59 to +23:59: " + expected;
            }
            offset =
                    (offsetHours * 3600L + offsetMinutes * 60L) * (m.group(9).equals("-") ? -1 : 1);
        }
        long epoch =
                java.time.LocalDate.of(year, month, day).toEpochDay() * 86_400L
                        + hour * 3600L
                        + minute * 60L
                        + second
                        - offset;
        if (epoch < MIN_TIMESTAMP || epoch > MAX_TIMESTAMP) {
            return "is outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z";
        }
        return null;
    }

    static boolean durationOk(String text) {
        var m = DURATION.matcher(text);
        if (!m.matches()) {
            return false;
        }
        return Long.parseLong(m.group(2)) <= MAX_DURATION_SECONDS;
    }
}
