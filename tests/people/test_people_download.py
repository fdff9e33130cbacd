"""fetch_checked: SHA-256 checked, atomic downloads (file:// and a local HTTP server)."""

from __future__ import annotations

import hashlib
import http.server
import threading
from functools import partial

import pytest

from rpipp_gui.errors import ModelError
from rpipp_gui.people.download import fetch_checked, model_cache_dir, sha256_of

PAYLOAD = bytes(range(256)) * 5000  # 1.28 MB: several read chunks
DIGEST = hashlib.sha256(PAYLOAD).hexdigest()


@pytest.fixture
def server(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    (root / "model.onnx").write_bytes(PAYLOAD)
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    httpd.shutdown()
    httpd.server_close()


def test_http_download_is_checked_and_reused(server, tmp_path):
    base, root = server
    dest = tmp_path / "cache"
    path = fetch_checked(f"{base}/model.onnx", DIGEST, dest)
    assert path == dest / "model.onnx" and path.read_bytes() == PAYLOAD
    assert sha256_of(path) == DIGEST
    (root / "model.onnx").write_bytes(b"changed upstream")  # the cached, verified copy is reused
    assert fetch_checked(f"{base}/model.onnx", DIGEST.upper(), dest).read_bytes() == PAYLOAD
    assert sorted(p.name for p in dest.iterdir()) == ["model.onnx"]


def test_wrong_hash_leaves_nothing_behind(server, tmp_path):
    base, _ = server
    dest = tmp_path / "cache"
    with pytest.raises(ModelError, match="SHA-256"):
        fetch_checked(f"{base}/model.onnx", "0" * 64, dest)
    assert list(dest.iterdir()) == []


def test_corrupt_cached_file_is_replaced(tmp_path):
    src = tmp_path / "src" / "w.bin"
    src.parent.mkdir()
    src.write_bytes(PAYLOAD)
    dest = tmp_path / "cache"
    dest.mkdir()
    (dest / "w.bin").write_bytes(b"truncated")
    path = fetch_checked(src.as_uri(), DIGEST, dest)
    assert path.read_bytes() == PAYLOAD


def test_missing_url_and_bad_arguments(server, tmp_path):
    base, _ = server
    with pytest.raises(ModelError, match="cannot download"):
        fetch_checked(f"{base}/absent.onnx", DIGEST, tmp_path)
    with pytest.raises(ModelError, match="cannot download"):
        fetch_checked((tmp_path / "nothing.bin").as_uri(), DIGEST, tmp_path / "c")
    with pytest.raises(ValueError, match="64 hex"):
        fetch_checked(f"{base}/model.onnx", "abc", tmp_path)
    with pytest.raises(ValueError, match="cannot name"):
        fetch_checked(f"{base}/", DIGEST, tmp_path)
    assert model_cache_dir().name == "models"
