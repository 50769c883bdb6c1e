package dev.seva.desk.service;

/** Where an officer's request came from, for the audit log (the address as the ingress forwarded it). */
public record RequestOrigin(String clientIp, String userAgent) {

    public static final RequestOrigin INTERNAL = new RequestOrigin(null, "desk-service");

    public RequestOrigin {
        userAgent = userAgent == null ? null : userAgent.length() > 300 ? userAgent.substring(0, 300) : userAgent;
    }
}
