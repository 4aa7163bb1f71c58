package org.chainbreaker.gateway.openapi;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;

/** The OpenAPI document, generated once at start-up and served as it is. */
public final class OpenApiDocument {

    /**
     * The descriptor set the proto module publishes; read here only when the built descriptors lost
     * their comments.
     */
    static final String CONTRACT_RESOURCE = "META-INF/chainbreaker/contract.pb";

    private final JsonObject tree;
    private final byte[] json;
    private final String etag;

    private OpenApiDocument(JsonObject tree) {
        this.tree = tree;
        this.json =
                new GsonBuilder()
                        .setPrettyPrinting()
                        .disableHtmlEscaping()
                        .create()
                        .toJson(tree)
                        .getBytes(StandardCharsets.UTF_8);
        this.etag = "\"" + sha256(json).substring(0, 32) + "\"";
    }

    /**
     * The document of the contract's files. Comments come from the source info the files were built
     * with; if it did not survive building them, from the raw descriptor set on the classpath.
     */
    public static OpenApiDocument of(
            Collection<FileDescriptor> files,
            OpenApiGenerator.Settings settings,
            ClassLoader classLoader) {
        FileDescriptorSet raw =
                ProtoComments.carriesSourceInfo(files)
                        ? null
                        : ProtoComments.readRawSet(classLoader, CONTRACT_RESOURCE);
        return new OpenApiDocument(
                OpenApiGenerator.generate(files, ProtoComments.of(files, raw), settings));
    }

    /** A copy of the document as a JSON tree. */
    public JsonObject tree() {
        return tree.deepCopy();
    }

    byte[] json() {
        return json;
    }

    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }

    String etag() {
        return etag;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
