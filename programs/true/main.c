/*
 * true - does nothing and succeeds (exit status "0"). The trivial child of the
 * spawn_wait benchmark and of scripts that need a command that always works.
 */
int main(void)
{
    return 0;
}
