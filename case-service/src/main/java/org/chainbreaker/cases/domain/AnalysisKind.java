package org.chainbreaker.cases.domain;

/** What a technical analysis is about. */
public enum AnalysisKind {
    DEEPFAKE_TOOL,
    FAKE_INVESTMENT_APP,
    MALWARE,
    PHISHING_KIT,
    SCAM_SCRIPT,
    OTHER
}
