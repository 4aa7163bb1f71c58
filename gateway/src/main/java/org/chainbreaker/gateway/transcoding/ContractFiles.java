package org.chainbreaker.gateway.transcoding;

import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.List;

/** The contract's files, built once at start-up; shared by the REST and gRPC faces. */
public record ContractFiles(List<FileDescriptor> files) {}
