package org.chainbreaker.gateway.transcoding;

import com.google.api.AnnotationsProto;
import com.google.api.FieldBehaviorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.ExtensionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's contracts as the proto module publishes them: one descriptor set (with imports and
 * comments) at {@value #RESOURCE}. Every service in it is transcoded; nothing in the gateway names
 * a service or an RPC.
 */
final class Contract {

    static final String RESOURCE = "META-INF/chainbreaker/contract.pb";

    /** Knows the options the gateway reads: google.api.http and google.api.field_behavior. */
    static final ExtensionRegistry EXTENSIONS = extensions();

    private Contract() {}

    static List<FileDescriptor> load(ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the contract descriptor set " + RESOURCE + " is not on the classpath");
            }
            return build(FileDescriptorSet.parseFrom(in, EXTENSIONS));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    /** Builds every file of the set, dependencies first. */
    static List<FileDescriptor> build(FileDescriptorSet set) {
        Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
        set.getFileList().forEach(file -> protos.put(file.getName(), file));
        Map<String, FileDescriptor> built = new HashMap<>();
        List<FileDescriptor> files = new ArrayList<>();
        for (String name : protos.keySet()) {
            files.add(build(name, protos, built, new ArrayList<>()));
        }
        return files;
    }

    private static FileDescriptor build(
            String name,
            Map<String, FileDescriptorProto> protos,
            Map<String, FileDescriptor> built,
            List<String> building) {
        FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        if (proto == null) {
            throw new IllegalStateException(
                    "the contract lacks " + name + " (imported by " + building + ")");
        }
        if (building.contains(name)) {
            throw new IllegalStateException("import cycle through " + name);
        }
        building.add(name);
        FileDescriptor[] dependencies = new FileDescriptor[proto.getDependencyCount()];
        for (int i = 0; i < dependencies.length; i++) {
            dependencies[i] = build(proto.getDependency(i), protos, built, building);
        }
        building.removeLast();
        try {
            FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies);
            built.put(name, file);
            return file;
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException(
                    "invalid contract file " + name + ": " + e.getMessage(), e);
        }
    }

    private static ExtensionRegistry extensions() {
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        registry.add(AnnotationsProto.http);
        registry.add(FieldBehaviorProto.fieldBehavior);
        return registry.getUnmodifiable();
    }
}
