"""Cycle kits and submission packages: BagIt bags in ZIP files, signed (SSHSIG) and encrypted (age).

No Qt and no database here: these modules turn bytes and files into packages and back.
"""
