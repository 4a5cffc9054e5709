/**
 * Loaded before every test file (`node --import`): tests never print. A console call fails the
 * test that made it, so a stray debug line or an unsilenced logger cannot slip into CI output.
 */
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  console[method] = (...args: unknown[]) => {
    throw new Error(
      `tests must not print: console.${method}(${args.map(String).join(' ').slice(0, 200)})`,
    );
  };
}
