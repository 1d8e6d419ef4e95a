"""Shows the Wine 8 quirk that hung print-all's worker processes (run it with the Windows Python).

concurrent.futures.ProcessPoolExecutor wakes its manager thread with empty (zero-length) messages on
a multiprocessing pipe, and drains them with `while reader.poll(): reader.recv_bytes()`. A real
Windows delivers a zero-length message to a read (CPython's PipeConnection is written for it);
Wine 8 does not: poll() reports the message, the read that follows waits for the next non-empty
one. With two wake-ups pending, the executor's manager thread blocks for ever and print-all hangs.

    source scripts/windows/env.sh; winpy "$(winpath scripts/windows/wine_empty_message.py)"

Prints `recv after poll: BLOCKED` under Wine 8, `recv after poll: b''` where empty messages work.
"""

import threading
from multiprocessing.connection import Pipe

reader, writer = Pipe(duplex=False)
writer.send_bytes(b"")
print("poll:", reader.poll())
got: list[bytes] = []
threading.Thread(target=lambda: got.append(reader.recv_bytes()), daemon=True).start()
threading.Event().wait(2)
print("recv after poll:", repr(got[0]) if got else "BLOCKED")
