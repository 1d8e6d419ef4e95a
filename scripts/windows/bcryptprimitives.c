/* Test-only stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks.
 * Rust-built wheels (cryptography, pyrage, bcrypt) import ProcessPrng from it; Windows 10 and
 * later have it. This stub fills the buffer from RtlGenRandom (advapi32 SystemFunction036), the
 * operating system's CSPRNG. Built by scripts/windows/prepare.sh with x86_64-w64-mingw32-gcc and
 * enabled only in the Wine test lane (WINEDLLOVERRIDES=bcryptprimitives=n). Never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
