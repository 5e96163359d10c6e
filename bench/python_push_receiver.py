"""The comparison receiver of bench_push_acknowledgements: Python's http.server, checking the
signature of docs/push.md, appending each body to a file and fsyncing before it answers 200.

    python3 python_push_receiver.py FILE SECRET      (prints "listening http://127.0.0.1:PORT/")
"""

import hashlib
import hmac
import http.server
import os
import sys
import threading


def main() -> None:
    path, secret = sys.argv[1], sys.argv[2].encode()
    out = open(path, "ab")
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            signed = self.headers.get("X-BeezUP-Timestamp", "").encode() + b"." + body
            expected = "sha256=" + hmac.new(secret, signed, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(expected, self.headers.get("X-BeezUP-Signature", "")):
                self.send_response(401)
            else:
                with lock:
                    out.write(body + b"\n")
                    out.flush()
                    os.fsync(out.fileno())
                self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"listening http://127.0.0.1:{server.server_address[1]}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
