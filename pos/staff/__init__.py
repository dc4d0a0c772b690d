"""The people at the till: users and their PINs, roles and approvals, and who acts."""
