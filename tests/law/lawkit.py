"""Parties shared by the legal-engine tests (imported as a plain module: tests/law is on sys.path)."""
from __future__ import annotations

import copy

FR_CREDITOR = {"kind": "company", "name": "Atelier Lumière", "legal_form": "SARL", "share_capital": "10000.00",
               "registration": {"scheme": "SIREN", "number": "732829320"},
               "address": {"street": "12 rue des Lilas", "postcode": "69003", "city": "Lyon", "country": "FR"},
               "email": "compta@atelier.example", "iban": "FR7630006000011234567890189"}
BE_CREDITOR = {"kind": "company", "name": "Bouw BV", "registration": {"scheme": "BCE", "number": "0417497106"},
               "address": {"street": "Meir 1", "postcode": "2000", "city": "Antwerpen", "country": "BE"},
               "email": "info@bouw.example", "iban": "BE71096123456769"}
FR_COMPANY = {"kind": "company", "name": "Client SAS", "email": "c@client.example",
              "address": {"street": "5 avenue Foch", "postcode": "69006", "city": "Lyon", "country": "FR"}}
BE_COMPANY = {"kind": "company", "name": "Klant NV", "email": "k@klant.example",
              "address": {"street": "Markt 1", "postcode": "9000", "city": "Gent", "country": "BE"}}
PERSON = {"kind": "person", "first_name": "Jan", "last_name": "Peeters", "email": "jan@mail.example",
          "address": {"street": "Kerkstraat 1", "postcode": "2000", "city": "Antwerpen", "country": "BE"}}
FR_PERSON = copy.deepcopy(PERSON) | {"address": {"street": "5 rue Neuve", "postcode": "69002", "city": "Lyon",
                                                 "country": "FR"}}
