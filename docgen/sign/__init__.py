"""PAdES signing and verification of docgen's PDFs.

- ``signer``: load the key (PKCS#12 file or PKCS#11 token) into a pyHanko ``Signer``;
- ``pades``: ``sign_pdf`` adds a PAdES baseline signature (B-B to B-LTA) as the last step;
- ``verify``: ``verify_pdf`` reports on every signature of a PDF.

Importing this package is cheap: pyHanko (about 1 s to import) is loaded by the functions
that need it, so ``docgen --help`` and commands that do not sign never pay for it.
"""

import warnings

from cryptography.utils import CryptographyDeprecationWarning

# pyHanko (pyhanko/sign/signers/pdf_cms.py) imports DSAPrivateKey, and cryptography 48+ warns
# on that import alone ("DSA is deprecated"), on every sign and verify. docgen never signs or
# accepts DSA keys itself; the warning is for pyHanko's maintainers, not for our users. Only
# that message, only that category, only when raised from pyHanko's modules: every other
# cryptography deprecation still shows. This package imports pyHanko only below this line.
warnings.filterwarnings("ignore", message="DSA is deprecated", category=CryptographyDeprecationWarning,
                        module=r"pyhanko(\.|$)")
