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


PROTECTIVE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
# What the app answers is someone's own data (or a form holding their CSRF token): no browser or
# proxy may keep a copy. Static files, served before the app (see static_files), are cached instead.
NOT_CACHED = "no-store"


def set_security_headers(response: Response) -> Response:
    for name, value in PROTECTIVE_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Cache-Control", NOT_CACHED)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    return response
