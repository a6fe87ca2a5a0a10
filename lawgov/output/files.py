"""Writing without losing anything: atomic files, one build per folder, and builds as transactions.

A build writes every file into a staging folder of its own inside the output folder, seals it with a
plan (the files to move in, the old files to remove) and only then moves the files into place. A
crash, ``kill -9``, a full disk or Ctrl-C before the seal leaves the previous output as it was; one
after it leaves a plan that the next build carries out before anything else. A lock makes a second
build of the same folder fail at once with one line instead of mixing its files with the first's.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import LawgovError

LOCK = ".lawgov.lock"
#: Staging folders are named ``.lawgov-staging-<pid>-<random>`` inside the output folder.
STAGING = ".lawgov-staging-"
PLAN = ".lawgov-plan.json"


def os_error(exc: OSError, path: str | os.PathLike[str], doing: str = "cannot write") -> LawgovError:
    """An operating-system error (not writable, not a folder, name too long, disk full …) as one line naming it."""
    return LawgovError(f"{doing}: {exc.strerror or exc}", str(path))


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and an atomic rename.

    Text is written as UTF-8 with ``\\n`` line ends. Parent folders are created. Any operating-system
    error is a :class:`LawgovError` naming ``path``, and the temporary file is gone.
    """
    path = Path(path)
    # A short temporary name: the target's own name may already be close to the 255-byte limit.
    tmp = path.parent / f".lawgov-tmp-{secrets.token_hex(6)}"
    try:
        if path.is_dir():
            raise LawgovError("is a folder, not a file", str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(tmp, data)
        os.replace(tmp, path)
    except OSError as exc:
        raise os_error(exc, path) from None
    finally:
        with suppress(OSError):
            tmp.unlink()
    return path


def write_file(path: Path, data: str | bytes) -> None:
    """Write a file of a staging folder: no rename (nobody reads it before the commit) and no fsync of its own
    (:func:`commit` flushes them all at once before the seal)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, data, durable=False)
    except OSError as exc:
        raise os_error(exc, path) from None


def _write(path: Path, data: str | bytes, durable: bool = True) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)  # the usual permissions, after the umask
    with os.fdopen(fd, "wb") as f:
        f.write(payload)
        if durable:
            f.flush()
            os.fsync(f.fileno())


@contextmanager
def transaction(out: Path) -> Iterator[Path]:
    """Lock ``out`` (created if missing), finish or discard what interrupted builds left there, and
    yield a fresh staging folder inside it. The caller writes into the staging folder and ends with
    :func:`commit`; if it stops before, the staging folder is removed and ``out`` is as it was (a
    folder this call created is removed again)."""
    created = _make_folder(out)
    try:
        with _locked(out):
            recover(out)
            staging = out / f"{STAGING}{os.getpid()}-{secrets.token_hex(4)}"
            try:
                staging.mkdir()
                yield staging
            except OSError as exc:
                raise _unstaged(out, staging, f"cannot write: {exc.strerror or exc}", exc.filename) from None
            except LawgovError as exc:
                if not exc.name.startswith(f"{staging}{os.sep}"):
                    raise
                raise _unstaged(out, staging, exc.problem, exc.name) from None
            finally:
                if not (staging / PLAN).exists():
                    shutil.rmtree(staging, ignore_errors=True)
    finally:
        if created:
            try:
                out.rmdir()  # only if nothing was committed into it
            except OSError:
                pass


def _unstaged(out: Path, staging: Path, problem: str, where: str | os.PathLike[str] | None) -> LawgovError:
    """An error met while staging, said of the output folder: which file it was writing, and that nothing changed."""
    where = str(where or "")
    if where.startswith(f"{staging}{os.sep}"):
        problem += f" (writing {where[len(str(staging)) + 1 :]})"
    return LawgovError(f"{problem}; the folder is as it was", str(out))


def _make_folder(out: Path) -> bool:
    """Create ``out`` if it is missing; True when this call created it."""
    if out.is_dir():
        return False
    if out.exists() or out.is_symlink():
        raise LawgovError("is a file, not a folder: choose another --out", str(out))
    try:
        out.mkdir(parents=True)
    except FileExistsError:
        return False  # created meanwhile by someone else
    except OSError as exc:
        raise os_error(exc, out, "cannot create the output folder") from None
    return True


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One build per output folder: a second one fails at once with one line. A killed build's lock
    is released by the kernel; the lock file is removed when the build ends."""
    from filelock import FileLock, Timeout

    path = out / LOCK
    lock = FileLock(path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise LawgovError(
            "another lawgov build is writing this folder; wait for it or choose another --out", str(out)
        ) from None
    except OSError as exc:
        raise os_error(exc, out, "cannot write in the output folder") from None
    try:
        yield
    finally:
        # Removed while still held: a build that opened the old file re-checks it after locking (filelock ≥ 4).
        path.unlink(missing_ok=True)
        lock.release()


def commit(staging: Path, out: Path, remove: Iterable[str] = ()) -> None:
    """Seal ``staging`` with its plan and carry it out: every file it holds moves to the same place
    under ``out``, then the old files ``remove`` (paths relative to ``out``) are deleted.

    Before the seal, every target is checked (a file where a folder is needed, a folder where a file
    goes), so a build that cannot commit fails with one line and changes nothing.
    """
    files = sorted(
        (p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file() and p.name != PLAN),
        key=lambda rel: (-rel.count("/"), rel),  # deepest first: the top-level tables and the index come last
    )
    for rel in files:
        _check_target(out, rel)
    if hasattr(os, "sync"):  # every staged file on disk before the seal: one flush instead of one per file
        os.sync()
    write_atomic(staging / PLAN, json.dumps({"files": files, "remove": sorted(remove)}, ensure_ascii=False))
    _carry_out(staging, out)


def _check_target(out: Path, rel: str) -> None:
    target = out
    for part in rel.split("/")[:-1]:
        target = target / part
        if (target.exists() or target.is_symlink()) and not target.is_dir():  # a file, or a link to nothing
            raise LawgovError("is a file where lawgov needs a folder; move it away", str(target))
    if (out / rel).is_dir() and not (out / rel).is_symlink():
        raise LawgovError("is a folder where lawgov writes a file; move it away", str(out / rel))


def _carry_out(staging: Path, out: Path) -> None:
    """Move the files of a sealed staging folder into place and remove the old ones; safe to repeat."""
    plan = _plan(staging) or {"files": [], "remove": []}
    made: set[Path] = set()
    try:
        for rel in plan["files"]:
            target = out / rel
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            with suppress(FileNotFoundError):  # an interrupted commit may have moved it already
                os.replace(staging / rel, target)
        for rel in plan["remove"]:
            (out / rel).unlink(missing_ok=True)
            _prune(out, (out / rel).parent)
    except OSError as exc:
        raise os_error(exc, exc.filename or out, "cannot finish the build (the next build retries)") from None
    shutil.rmtree(staging, ignore_errors=True)


def _plan(staging: Path) -> dict | None:
    """The plan of a sealed staging folder (written atomically: present means complete), or None."""
    try:
        plan = json.loads((staging / PLAN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(plan, dict) and all(isinstance(plan.get(k), list) for k in ("files", "remove"))
    return plan if ok else None


def _prune(out: Path, folder: Path) -> None:
    """Remove ``folder`` and its parents below ``out`` while they are empty (a stale report's folder)."""
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def recover(out: Path) -> None:
    """Carry out the plan of a build killed while committing; remove unsealed staging folders and
    temporary files (call while holding the lock: then nobody else is writing them)."""
    for staging in sorted(out.glob(f"{STAGING}*")):
        if _plan(staging) is not None:
            _carry_out(staging, out)
        else:
            shutil.rmtree(staging, ignore_errors=True)
    for tmp in out.glob(".lawgov-tmp-*"):
        tmp.unlink(missing_ok=True)
