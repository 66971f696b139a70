/*
 * test_trap.c - the exception path: deliberate #BP, #UD and #PF, each caught, checked
 * for the right vector, instruction pointer (and CR2), and resumed past.
 */
#include "test/ktest.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/trap.h"
#include "lib/string.h"

KTEST(trap, breakpoint_vector_and_ip)
{
    trap_catch_t c;
    uint64_t at;
    trap_catch_arm(&c, TRAP_BP, 0);
    __asm__ volatile("lea 1f(%%rip), %0\n1: int3" : "=r"(at)::"memory");
    KTEST_ASSERT_EQ(c.seen_vector, TRAP_BP);
    KTEST_ASSERT_EQ(c.seen_rip, at + 1); /* #BP is a trap: ip is after int3 */
}

KTEST(trap, invalid_opcode_vector_and_ip)
{
    trap_catch_t c;
    uint64_t at;
    trap_catch_arm(&c, TRAP_UD, 2);
    __asm__ volatile("lea 1f(%%rip), %0\n1: ud2" : "=r"(at)::"memory");
    KTEST_ASSERT_EQ(c.seen_vector, TRAP_UD);
    KTEST_ASSERT_EQ(c.seen_rip, at); /* #UD is a fault: ip is the instruction */
}

KTEST(trap, page_fault_reports_address)
{
    trap_catch_t c;
    uint64_t at, bad = 0x00007ffff0001000ull, out = 0;
    trap_catch_arm(&c, TRAP_PF, 3);
    __asm__ volatile("lea 1f(%%rip), %0\n1: movq (%%rbx), %%rax\n\tmov %%rax, %1"
                     : "=&r"(at), "=r"(out)
                     : "b"(bad)
                     : "rax", "memory");
    KTEST_ASSERT_EQ(c.seen_vector, TRAP_PF);
    KTEST_ASSERT_EQ(c.seen_rip, at);
    KTEST_ASSERT_EQ(c.seen_cr2, bad);
    KTEST_ASSERT_EQ(c.seen_error & 1, 0); /* not present */
}

KTEST(trap, catch_is_one_shot)
{
    trap_catch_t c;
    trap_catch_arm(&c, TRAP_BP, 0);
    __asm__ volatile("int3" ::: "memory");
    KTEST_ASSERT(!c.armed);
    c.seen_vector = 0;
    trap_catch_arm(&c, TRAP_UD, 2);
    trap_catch_disarm();
    KTEST_ASSERT(c.seen_vector == ~0ull);
}

KTEST(trap, names)
{
    KTEST_ASSERT_STR_EQ(trap_name(TRAP_PF), "page fault");
    KTEST_ASSERT_STR_EQ(trap_name(TRAP_UD), "invalid opcode");
    KTEST_ASSERT_STR_EQ(trap_name(200), "interrupt");
}

KTEST(trap, tss_loaded)
{
    uint16_t tr;
    __asm__ volatile("str %0" : "=r"(tr));
    KTEST_ASSERT_EQ(tr, GDT_TSS);
}
