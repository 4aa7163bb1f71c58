package org.chainbreaker.gateway.openapi;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chainbreaker.gateway.transcoding.RouteTable;

/**
 * How the document names path variables: by the JSON names of their field chains, one name per
 * position of a path shape (OpenAPI allows one; linters refuse identical paths that differ only in
 * names).
 */
final class PathNames {

    private PathNames() {}

    /**
     * The binding's path with each variable named by the JSON names of its field chain ({@code
     * {case_id}} → {@code {caseId}}), or by the name the same path shape uses elsewhere: {@code
     * PATCH /scamCentres/{scamCentre.id}} and {@code GET /scamCentres/{id}} are one path,
     * documented once as {@code /scamCentres/{id}} (OpenAPI allows one parameter name per position
     * of a path; linters refuse identical paths).
     */
    static String documentedPath(HttpBinding binding, Map<String, List<String>> canonical) {
        List<String> names = canonical.getOrDefault(shape(binding), ownNames(binding));
        StringBuilder path = new StringBuilder();
        String shape = shape(binding);
        int variable = 0;
        for (int i = 0; i < shape.length(); i++) {
            if (shape.startsWith("{}", i)) {
                path.append('{').append(names.get(variable++)).append('}');
                i++;
            } else {
                path.append(shape.charAt(i));
            }
        }
        return path.toString();
    }

    /** The binding's path with its variables unnamed: {@code /api/v1/cases/{}}. */
    static String shape(HttpBinding binding) {
        String path = binding.path();
        for (HttpBinding.PathVariable variable : binding.variables()) {
            path = path.replace("{" + variable.fieldPath() + "}", "{}");
        }
        return path;
    }

    static List<String> ownNames(HttpBinding binding) {
        return binding.variables().stream()
                .map(
                        v ->
                                jsonPath(
                                        resolve(
                                                binding.method().getInputType(),
                                                v.fieldPath(),
                                                binding.method())))
                .toList();
    }

    /**
     * For each path shape, the names of the binding whose names are plainest (fewest dots; the
     * first on a tie).
     */
    static Map<String, List<String>> canonicalNames(Collection<FileDescriptor> files) {
        Map<String, List<String>> canonical = new HashMap<>();
        for (FileDescriptor file : files) {
            if (RouteTable.upstreamOf(file.getPackage()) == null) {
                continue;
            }
            for (ServiceDescriptor service : file.getServices()) {
                for (MethodDescriptor method : service.getMethods()) {
                    for (HttpBinding binding : HttpBinding.of(method)) {
                        List<String> names = ownNames(binding);
                        canonical.merge(
                                shape(binding),
                                names,
                                (known, candidate) ->
                                        dots(candidate) < dots(known) ? candidate : known);
                    }
                }
            }
        }
        return canonical;
    }

    static int dots(List<String> names) {
        return names.stream().mapToInt(n -> (int) n.chars().filter(c -> c == '.').count()).sum();
    }

    static String jsonPath(List<FieldDescriptor> chain) {
        return String.join(".", chain.stream().map(FieldDescriptor::getJsonName).toList());
    }

    /**
     * The field chain of a dotted path variable; the gateway refuses at start-up a contract where
     * this fails.
     */
    static List<FieldDescriptor> resolve(
            Descriptor request, String fieldPath, MethodDescriptor method) {
        List<FieldDescriptor> chain = new ArrayList<>();
        Descriptor type = request;
        for (String name : fieldPath.split("\\.")) {
            FieldDescriptor field = type == null ? null : type.findFieldByName(name);
            if (field == null) {
                throw new IllegalStateException(
                        method.getFullName()
                                + ": path variable '"
                                + fieldPath
                                + "' is not a field of "
                                + request.getFullName());
            }
            chain.add(field);
            type =
                    field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                            ? field.getMessageType()
                            : null;
        }
        return List.copyOf(chain);
    }
}
