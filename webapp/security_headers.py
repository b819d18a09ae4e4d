"""Headers every response carries: what the browser may load, frame, send and remember."""

from flask import Response, request

# Only this site's own files; no inline script or style, no plugins, no framing. Images may also be
# data: URIs because Bootstrap's CSS draws its select arrows, menu icon and field icons that way.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
# A year of HTTPS-only, sent only over HTTPS (RFC 6797 has browsers ignore it otherwise).
STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"


def set_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    return response
