"""``validate -j N``: files checked by N processes, the outcomes given in the order of the files.

**Forked (Linux).** This process is one of the N. Once the registry is built it forks N-1
copies of itself, so no copy imports or loads anything again, and every process takes the next
chunk of files from one shared pipe of chunk numbers until it is empty. A copy sends each
chunk's outcomes back, pickled, through its own pipe. This process checks chunks too, reads what
the copies sent between its own chunks, and yields the outcomes in order as soon as they are
there, so the output streams and memory stays flat. A copy that dies (a signal, the memory
killer) cannot lose a file silently: each file of a chunk that was taken and never sent back is
reported as not checked, an internal error, so never valid.

**Elsewhere** (Windows and macOS, where forking is missing or unsafe, or when this process
already runs threads) a :class:`~concurrent.futures.ProcessPoolExecutor` of spawned processes
does the same work. Each of them imports and loads the plugins again, so this way starts more
slowly; they get the ``-p`` plugin selection explicitly, since a new process does not inherit it.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterator, Sequence

#: A chunk is at most this share of the files left (over the number of processes), so the chunks
#: shrink towards the end and the processes finish together.
SHARE = 4
#: Files per chunk at most.
MAX_CHUNK = 32
#: Chunk numbers in the shared pipe at most: they are all written before the first fork, so
#: they must fit in the smallest buffer a pipe has (one page, 4 KiB, when the user has many
#: pipes open; 4 bytes each). Past 32,768 files the chunks grow instead.
MAX_CHUNKS = 1024
_TOKEN = 4  # bytes per chunk number
_HEADER = 8  # bytes of a message's length
_PIPE_SIZE = 1 << 20  # what a copy may send before it waits for this process to read
_F_SETPIPE_SZ = 1031  # fcntl's F_SETPIPE_SZ (Linux)


def chunked(paths: Sequence[str], jobs: int) -> list[Sequence[str]]:
    """``paths`` in chunks for ``jobs`` processes: each a share of what is left (at most
    :data:`MAX_CHUNK` files), so the last chunks are small and no process waits long for the
    others; never more than :data:`MAX_CHUNKS` chunks."""
    floor = -(-len(paths) // MAX_CHUNKS)
    chunks: list[Sequence[str]] = []
    start = 0
    while start < len(paths):
        left = len(paths) - start
        size = max(floor, min(MAX_CHUNK, -(-left // (jobs * SHARE))))
        chunks.append(paths[start : start + size])
        start += size
    return chunks


def can_fork() -> bool:
    """Whether the forked way is used: Linux, and no thread running beside this one."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def in_parallel(
    chunks: Sequence[Sequence[str]],
    check: Callable[[Sequence[str]], list[Any]],
    jobs: int,
    *,
    lost: Callable[[str, str], Any],
    plugin_flags: Sequence[str] = (),
    fork: bool | None = None,
) -> Generator[Any, None, None]:
    """``check(chunk)`` for each chunk by ``jobs`` processes; the items of each result, in the
    order of the chunks.

    ``lost(path, why)`` is the outcome given for a file whose process died before it sent the
    file's outcome back. ``check`` must be picklable when ``fork`` is false (the default:
    :func:`can_fork`); ``plugin_flags`` are then given to :func:`select_plugins` in each worker.
    """
    if fork if fork is not None else can_fork():
        yield from _Forked(chunks, check, jobs, lost).outcomes()
    else:
        yield from _pooled(chunks, check, jobs, plugin_flags)


def _pooled(
    chunks: Sequence[Sequence[str]],
    check: Callable[[Sequence[str]], list[Any]],
    jobs: int,
    plugin_flags: Sequence[str],
) -> Iterator[Any]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from massage_routines.plugins.registry import select_plugins

    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),  # safe beside threads, everywhere
        initializer=select_plugins,
        initargs=(tuple(plugin_flags),),
    ) as pool:
        for outcomes in pool.map(check, chunks):
            yield from outcomes


class _Forked:
    """This process and ``jobs - 1`` forked copies, taking chunks from one pipe."""

    def __init__(
        self,
        chunks: Sequence[Sequence[str]],
        check: Callable[[Sequence[str]], list[Any]],
        jobs: int,
        lost: Callable[[str, str], Any],
    ) -> None:
        self.chunks = chunks
        self.check = check
        self.lost = lost
        self.done: dict[int, list[Any]] = {}
        #: result pipe (read end) → [child's pid, bytes received and not yet a whole message]
        self.copies: dict[int, list[Any]] = {}
        self.ended: list[str] = []  # how each copy that died ended, for the lost files
        self.work = self._start(jobs)

    def _start(self, jobs: int) -> int:
        import gc
        import pickle  # noqa: F401  (imported once, before the fork: the copies need it too)
        import select  # noqa: F401

        work_read, work_write = os.pipe()
        numbers = b"".join(n.to_bytes(_TOKEN, "little") for n in range(len(self.chunks)))
        os.write(work_write, numbers)  # fits, so never waits: at most MAX_CHUNKS numbers
        os.close(work_write)  # an empty pipe now reads as the end of the work
        # What this process made so far (modules, the registry) lives as long as it does: out
        # of the collector's sight, the copies do not touch (and so copy) it, and no process
        # traverses it again.
        gc.freeze()
        for _ in range(min(jobs, len(self.chunks)) - 1):  # no copy without a chunk to take
            result_read, result_write = os.pipe()
            try:
                import fcntl

                fcntl.fcntl(result_write, _F_SETPIPE_SZ, _PIPE_SIZE)
            except OSError:  # over the system's limit: the default size works, more slowly
                pass
            pid = os.fork()
            if pid == 0:  # the copy: never returns
                os.close(result_read)
                self._serve(work_read, result_write)
            os.close(result_write)
            os.set_blocking(result_read, False)
            self.copies[result_read] = [pid, b""]
        return work_read

    def _serve(self, work: int, results: int) -> None:
        """A copy's life: check chunks and send them until the work runs out, then exit."""
        import pickle

        status = 0
        try:
            for pipe in self.copies:  # the other copies' pipes are not this copy's to read
                os.close(pipe)
            while (number := self._claim(work)) is not None:
                message = pickle.dumps(
                    (number, self.check(self.chunks[number])), pickle.HIGHEST_PROTOCOL
                )
                view = memoryview(len(message).to_bytes(_HEADER, "little") + message)
                while view:
                    view = view[os.write(results, view) :]
        except BaseException:  # anything: this process reports the chunk as not checked
            status = 1
        finally:
            os._exit(status)

    @staticmethod
    def _claim(work: int) -> int | None:
        token = os.read(work, _TOKEN)  # a pipe read of 4 bytes is atomic among readers
        return int.from_bytes(token, "little") if token else None

    def outcomes(self) -> Iterator[Any]:
        finished = False
        try:
            for number in range(len(self.chunks)):
                while number not in self.done:
                    self._receive(wait=False)
                    if number in self.done:
                        break
                    mine = self._claim(self.work)
                    if mine is not None:
                        self.done[mine] = self.check(self.chunks[mine])
                    elif not self._receive(wait=True):  # every copy has ended
                        why = "; ".join(self.ended) or "a worker process ended"
                        self.done[number] = [self.lost(p, why) for p in self.chunks[number]]
                yield from self.done.pop(number)
            finished = True
        finally:
            self._stop(abandoned=not finished)

    def _receive(self, *, wait: bool) -> bool:
        """Read what the copies sent (waiting for something if ``wait``); ``False`` when no
        copy is left to send anything."""
        import select

        if not self.copies:
            return False
        ready, _, _ = select.select(list(self.copies), [], [], None if wait else 0)
        for pipe in ready:
            self._read(pipe)
        return True

    def _read(self, pipe: int) -> None:
        import pickle

        copy = self.copies[pipe]
        while True:
            try:
                data = os.read(pipe, _PIPE_SIZE)
            except BlockingIOError:
                break
            if not data:  # the copy has exited
                del self.copies[pipe]
                os.close(pipe)
                self._reap(copy[0])
                break
            copy[1] += data
        buffer = copy[1]
        while len(buffer) >= _HEADER:
            size = int.from_bytes(buffer[:_HEADER], "little")
            if len(buffer) < _HEADER + size:
                break
            number, outcomes = pickle.loads(buffer[_HEADER : _HEADER + size])
            self.done[number] = outcomes
            buffer = buffer[_HEADER + size :]
        copy[1] = buffer

    def _reap(self, pid: int) -> None:
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            self.ended.append(f"a worker process was killed by signal {os.WTERMSIG(status)}")
        elif os.waitstatus_to_exitcode(status) != 0:
            self.ended.append(f"a worker process failed (exit {os.waitstatus_to_exitcode(status)})")

    def _stop(self, *, abandoned: bool) -> None:
        """Close the pipes and wait for the copies; end them first if the output was abandoned
        (an interrupt, a closed output), when they may still be working."""
        import signal

        os.close(self.work)
        for pipe, (pid, _) in list(self.copies.items()):
            os.close(pipe)
            try:
                if abandoned:
                    os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):  # already reaped
                pass
        self.copies.clear()
