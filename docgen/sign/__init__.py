"""PAdES signing and verification of docgen's PDFs.

- ``signer``: load the key (PKCS#12 file or PKCS#11 token) into a pyHanko ``Signer``;
- ``pades``: ``sign_pdf`` adds a PAdES baseline signature (B-B to B-LTA) as the last step;
- ``verify``: ``verify_pdf`` reports on every signature of a PDF.

Importing this package is cheap: pyHanko (about 1 s to import) is loaded by the functions
that need it, so ``docgen --help`` and commands that do not sign never pay for it.
"""
