package org.chainbreaker.gateway.openapi;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.GenericDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The comments of a contract's elements (services, methods, messages, fields, oneofs, enums, enum
 * values), read from the descriptors' {@code source_code_info}. A location's path is the chain of
 * field numbers and indexes leading to the element in its {@code FileDescriptorProto}: {@code [4,
 * m]} is message m, {@code [4, m, 2, f]} its field f, {@code [4, m, 3, n]} its nested message n,
 * {@code [4, m, 4, e]} its nested enum e, {@code [4, m, 8, o]} its oneof o, {@code [5, e, 2, v]}
 * value v of top-level enum e, {@code [6, s, 2, r]} method r of service s.
 */
final class ProtoComments {

    private static final int FILE_MESSAGE = 4;
    private static final int FILE_ENUM = 5;
    private static final int FILE_SERVICE = 6;
    private static final int MESSAGE_FIELD = 2;
    private static final int MESSAGE_NESTED = 3;
    private static final int MESSAGE_ENUM = 4;
    private static final int MESSAGE_ONEOF = 8;
    private static final int ENUM_VALUE = 2;
    private static final int SERVICE_METHOD = 2;

    /** Descriptors compare by identity: the contract's descriptors are built once. */
    private final Map<GenericDescriptor, String> comments;

    private ProtoComments(Map<GenericDescriptor, String> comments) {
        this.comments = comments;
    }

    /**
     * The comments of these files, from the source info each was built with. A file built without
     * source info has its comments looked up in {@code rawSet} (the descriptor set it came from, by
     * file name), when given.
     */
    static ProtoComments of(Collection<FileDescriptor> files, FileDescriptorSet rawSet) {
        Map<String, SourceCodeInfo> raw =
                rawSet == null
                        ? Map.of()
                        : rawSet.getFileList().stream()
                                .filter(FileDescriptorProto::hasSourceCodeInfo)
                                .collect(
                                        Collectors.toMap(
                                                FileDescriptorProto::getName,
                                                FileDescriptorProto::getSourceCodeInfo,
                                                (a, b) -> a));
        Map<GenericDescriptor, String> comments = new HashMap<>();
        for (FileDescriptor file : files) {
            FileDescriptorProto proto = file.toProto();
            SourceCodeInfo info =
                    proto.hasSourceCodeInfo() ? proto.getSourceCodeInfo() : raw.get(file.getName());
            if (info != null) {
                new Walker(locations(info), comments).file(file);
            }
        }
        return new ProtoComments(comments);
    }

    /**
     * Whether any of these files carries its source info itself (it survived building the
     * descriptors).
     */
    static boolean carriesSourceInfo(Collection<FileDescriptor> files) {
        return files.stream().anyMatch(f -> f.toProto().hasSourceCodeInfo());
    }

    /**
     * Reads the raw descriptor set at this classpath resource, for its source info only; null if
     * absent.
     */
    static FileDescriptorSet readRawSet(ClassLoader classLoader, String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            return in == null ? null : FileDescriptorSet.parseFrom(in);
        } catch (IOException e) {
            return null;
        }
    }

    /** The element's comment (leading, else trailing), or null when it has none. */
    String of(GenericDescriptor element) {
        return comments.get(element);
    }

    private static Map<List<Integer>, String> locations(SourceCodeInfo info) {
        Map<List<Integer>, String> byPath = new HashMap<>();
        for (SourceCodeInfo.Location location : info.getLocationList()) {
            String text =
                    location.hasLeadingComments()
                            ? location.getLeadingComments()
                            : location.hasTrailingComments()
                                    ? location.getTrailingComments()
                                    : null;
            String cleaned = clean(text);
            if (cleaned != null) {
                byPath.putIfAbsent(location.getPathList(), cleaned);
            }
        }
        return byPath;
    }

    /**
     * Drops the one space after each {@code //} and surrounding blank lines; keeps line breaks
     * (Markdown).
     */
    static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String text =
                raw.lines()
                        .map(line -> line.startsWith(" ") ? line.substring(1) : line)
                        .map(String::stripTrailing)
                        .collect(Collectors.joining("\n"))
                        .strip();
        return text.isEmpty() ? null : text;
    }

    private record Walker(
            Map<List<Integer>, String> locations, Map<GenericDescriptor, String> comments) {

        void file(FileDescriptor file) {
            for (int m = 0; m < file.getMessageTypes().size(); m++) {
                message(file.getMessageTypes().get(m), path(List.of(), FILE_MESSAGE, m));
            }
            for (int e = 0; e < file.getEnumTypes().size(); e++) {
                enumType(file.getEnumTypes().get(e), path(List.of(), FILE_ENUM, e));
            }
            for (int s = 0; s < file.getServices().size(); s++) {
                ServiceDescriptor service = file.getServices().get(s);
                List<Integer> servicePath = path(List.of(), FILE_SERVICE, s);
                put(service, servicePath);
                for (int r = 0; r < service.getMethods().size(); r++) {
                    put(service.getMethods().get(r), path(servicePath, SERVICE_METHOD, r));
                }
            }
        }

        private void message(Descriptor message, List<Integer> at) {
            put(message, at);
            for (int f = 0; f < message.getFields().size(); f++) {
                put(message.getFields().get(f), path(at, MESSAGE_FIELD, f));
            }
            for (int o = 0; o < message.getOneofs().size(); o++) {
                put(message.getOneofs().get(o), path(at, MESSAGE_ONEOF, o));
            }
            for (int n = 0; n < message.getNestedTypes().size(); n++) {
                message(message.getNestedTypes().get(n), path(at, MESSAGE_NESTED, n));
            }
            for (int e = 0; e < message.getEnumTypes().size(); e++) {
                enumType(message.getEnumTypes().get(e), path(at, MESSAGE_ENUM, e));
            }
        }

        private void enumType(EnumDescriptor type, List<Integer> at) {
            put(type, at);
            for (int v = 0; v < type.getValues().size(); v++) {
                put(type.getValues().get(v), path(at, ENUM_VALUE, v));
            }
        }

        private void put(GenericDescriptor element, List<Integer> at) {
            String comment = locations.get(at);
            if (comment != null) {
                comments.put(element, comment);
            }
        }

        private static List<Integer> path(List<Integer> parent, int field, int index) {
            List<Integer> path = new ArrayList<>(parent.size() + 2);
            path.addAll(parent);
            path.add(field);
            path.add(index);
            return List.copyOf(path);
        }
    }
}
