/*
 * Test scaffolding for CI, never shipped: Debian's Wine 8.0 has no
 * ProcessPrng in bcryptprimitives.dll, which Go >= 1.24 calls at start on
 * Windows. This tiny DLL provides it on top of RtlGenRandom
 * (advapi32!SystemFunction036), which that Wine has. check-wine.sh builds it
 * with mingw into a throwaway Wine prefix.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
