"""Who may do what: roles, permissions, passwords, sessions, API tokens, sign-in rate limiting."""
