// Stand-in for `server-only` in the custom server process (see register.mjs).
