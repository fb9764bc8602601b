/* For CI under wine only; never shipped, never part of an installer.

   Wine 8 (Debian 12) has no bcryptprimitives.dll, from which Rust's std (1.78+) imports
   ProcessPrng on Windows, so sheetdrop.exe does not even start under it. `.ci/packages`
   builds this stand-in next to the exe:

     x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll \
         bcryptprimitives.c bcryptprimitives.def -ladvapi32

   ProcessPrng fills the buffer from RtlGenRandom (advapi32's SystemFunction036), which wine
   has; real Windows 10+ ships the real DLL. */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        /* RtlGenRandom takes a ULONG length: fill large buffers in chunks. */
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
