package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.Faces.CONTRACT;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.ExtensionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chainbreaker.systemtests.Faces.Endpoint;

/**
 * The public endpoints of the contract, read once from the descriptor set the proto module ships:
 * every RPC of a {@code chainbreaker.*} package that has a {@code google.api.http} rule.
 */
final class ContractEndpoints {

    private ContractEndpoints() {}

    private static final List<Endpoint> ENDPOINTS;
    private static final Map<String, Endpoint> BY_NAME = new HashMap<>();

    static {
        try (InputStream in = Faces.class.getClassLoader().getResourceAsStream(CONTRACT)) {
            if (in == null) {
                throw new IllegalStateException(CONTRACT + " is not on the class path");
            }
            ExtensionRegistry registry = ExtensionRegistry.newInstance();
            AnnotationsProto.registerAllExtensions(registry);
            FileDescriptorSet set = FileDescriptorSet.parseFrom(in, registry);
            Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
            set.getFileList().forEach(f -> protos.put(f.getName(), f));
            Map<String, FileDescriptor> built = new HashMap<>();
            List<Endpoint> endpoints = new ArrayList<>();
            for (String name : protos.keySet()) {
                FileDescriptor file = build(name, protos, built);
                if (!file.getPackage().startsWith("chainbreaker.")) {
                    continue;
                }
                for (ServiceDescriptor service : file.getServices()) {
                    for (MethodDescriptor method : service.getMethods()) {
                        HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
                        String verb;
                        String path;
                        switch (rule.getPatternCase()) {
                            case GET -> {
                                verb = "GET";
                                path = rule.getGet();
                            }
                            case POST -> {
                                verb = "POST";
                                path = rule.getPost();
                            }
                            case PUT -> {
                                verb = "PUT";
                                path = rule.getPut();
                            }
                            case PATCH -> {
                                verb = "PATCH";
                                path = rule.getPatch();
                            }
                            case DELETE -> {
                                verb = "DELETE";
                                path = rule.getDelete();
                            }
                            default -> {
                                verb = null;
                                path = null;
                            }
                        }
                        if (verb != null) {
                            Endpoint endpoint = new Endpoint(method, verb, path, rule.getBody());
                            endpoints.add(endpoint);
                            BY_NAME.put(endpoint.fullName(), endpoint);
                        }
                    }
                }
            }
            ENDPOINTS = List.copyOf(endpoints);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileDescriptor build(
            String name,
            Map<String, FileDescriptorProto> protos,
            Map<String, FileDescriptor> built) {
        FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        FileDescriptor[] dependencies = new FileDescriptor[proto.getDependencyCount()];
        for (int i = 0; i < dependencies.length; i++) {
            dependencies[i] = build(proto.getDependency(i), protos, built);
        }
        try {
            FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies);
            built.put(name, file);
            return file;
        } catch (com.google.protobuf.Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Endpoint> all() {
        return ENDPOINTS;
    }

    /** An endpoint by its full name, {@code service/method}; null when there is none. */
    static Endpoint named(String fullName) {
        return BY_NAME.get(fullName);
    }
}
