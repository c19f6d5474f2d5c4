"""Build docgen/data/courts/fr.ressorts.yaml and fr.courts.yaml from public legal texts and COG data.

Sources (read, never vendored):

* C. com. annexe 7-1 (seat and ressort of the tribunaux de commerce) and COJ annexe tableau IV
  (seat and ressort of the TGI, now tribunaux judiciaires, and of the former tribunaux d'instance
  by canton), from the repository etalab/codes-juridiques-francais (a Légifrance/LEGI export;
  fetch it and pass its git directory). The snapshot's versions are older than the 2020 reform:
  see SNAPSHOT below and docgen/data/courts/README.md.
* The official geographic code (COG: communes, postcodes, departments) from the npm package
  @etalab/decoupage-administratif (``npm pack @etalab/decoupage-administratif``; pass the
  unpacked ``package`` folder).

Method, chosen so that the table decides only what the texts decide:

1. A department whose communes all lie in one TGI ressort (the texts list one TGI for it and no
   canton of it under another department's TGI) maps as a whole to that tribunal judiciaire.
2. Elsewhere a commune is placed only when it gives its name to a canton listed in exactly one
   ressort (a canton is named after its chef-lieu, which lies in it): « Rezé » -> TGI de Nantes.
   Every other commune of such a department is left out: the lookup then answers needs_input.
3. A tribunal de commerce whose ressort is « the ressort of the TGI of X (and Y) » covers those
   TGI ressorts; a ressort drawn by tribunaux d'instance and cantons is resolved the same way as
   in 2., by canton chef-lieu, and is flagged unconfirmed (the tribunaux d'instance were merged
   into the tribunaux judiciaires on 1 January 2020).

Usage:
  python scripts/build_courts.py --codes /work/.mirror/etalab+codes-juridiques-francais/repo \
      --cog /tmp/decoupage/package --out docgen/data/courts
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from docgen.law.places import place_key  # noqa: E402 - the same key as the lookup

A71 = "codes-en-vigueur/code-de-commerce/annexes-de-la-partie-reglementaire/article-annexe-7-1.md"
T4 = "codes-en-vigueur/code-de-l-organisation-judiciaire/partie-reglementaire/annexes/article-annexe-tableau-iv.md"
# The newest version of annexe 7-1 in the snapshot (décret n° 2013-1258) lost the rows of seven
# departments in the export; they are taken from the previous version (décret n° 2013-540) and
# flagged unconfirmed.
A71_COMMIT = "cbd472c8dfe4e996b83581dd0605f14d7b8a4c25"
A71_PREVIOUS_COMMIT = "76b8ecf45e1e75a17404033d90c0197a233830ea"
T4_COMMIT = "defd3c3f1b598c9f5273e945e890e4f82f58d014"
SNAPSHOT = "2020-09-01"
REPO = "etalab/codes-juridiques-francais"
A71_SOURCE = (f"C. com. annexe 7-1 (siège et ressort des tribunaux de commerce), version of the décret "
              f"n° 2013-1258 du 27 décembre 2013; {REPO} commit {A71_COMMIT[:10]} (snapshot {SNAPSHOT})")
A71_PREVIOUS_SOURCE = (f"C. com. annexe 7-1, version of the décret n° 2013-540 du 25 juin 2013 ({REPO} commit "
                       f"{A71_PREVIOUS_COMMIT[:10]}): the row is missing from the newer version of the export")
T4_SOURCE = (f"COJ annexe tableau IV (siège et ressort des tribunaux de grande instance, tribunaux judiciaires "
             f"since 1 Jan 2020, loi n° 2019-222 art. 95), version of the décret n° 2015-409 du 10 avril 2015; "
             f"{REPO} commit {T4_COMMIT[:10]} (snapshot {SNAPSHOT})")

# Footnotes of tableau IV that end a row's validity (« applicable jusqu'au ... »).
EXPIRED_NOTES = {"3", "5", "7", "9", "11", "13", "15", "17", "21"}
DIRECTIONS = {"nord", "sud", "est", "ouest", "centre"}

# Ressorts of annexe 7-1 drawn by tribunaux d'instance and cantons rather than by whole TGIs,
# transcribed from the text printed next to them: tc seat -> (TIs, extra cantons, excluded cantons).
TI_RESSORTS = {
    "Grasse": (["Grasse"], ["Carros", "Coursegoules", "Vence"], []),
    "Antibes": (["Antibes", "Cagnes-sur-Mer"], [], ["Carros", "Coursegoules", "Vence"]),
    "Cannes": (["Cannes"], [], []),
    "Aix-en-Provence": (["Aix-en-Provence", "Martigues"], [], ["Berre-l'Étang", "Istres-Sud", "Istres-Nord", "Vitrolles"]),
    "Salon-de-Provence": (["Salon-de-Provence"], ["Berre-l'Étang", "Istres-Sud", "Istres-Nord", "Vitrolles"], []),
    "Draguignan": (["Draguignan", "Brignoles"], [], []),
    "Fréjus": (["Fréjus"], [], []),
    "Libourne": (["Libourne"], [], []),
    "Châlons-en-Champagne": (["Châlons-en-Champagne"], [], [
        "Anglure", "Avize", "Dormans", "Épernay 1er canton", "Épernay 2e canton", "Esternay", "Fère-Champenoise",
        "Montmirail", "Montmort-Lucy", "Sézanne"]),
    "Bernay": (["Bernay"], [], []),
    "Evreux": (["Evreux", "Les Andelys"], [], []),
}
# Reims: the whole TGI de Reims plus the cantons taken from Châlons above.
TGI_PLUS_CANTONS = {"Reims": ["Anglure", "Avize", "Dormans", "Épernay 1er canton", "Épernay 2e canton", "Esternay",
                              "Fère-Champenoise", "Montmirail", "Montmort-Lucy", "Sézanne"]}
# Misspellings of the export, corrected so that the two annexes name the same court.
TYPOS = {"Cherbourb Octeville": "Cherbourg-Octeville"}
# Seats whose commune has since merged or been renamed: the court's official name may differ.
RENAMED_SEATS = {"Cherbourg-Octeville": "commune merged into Cherbourg-en-Cotentin on 1 Jan 2016",
                 "Evry": "commune merged into Évry-Courcouronnes on 1 Jan 2019"}
# The twelve TC that became tribunaux des activités économiques are handled by fr.tae.yaml.


def git_show(repo: Path, commit: str, path: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), "show", f"{commit}:{path}"],
                          check=True, capture_output=True, text=True).stdout


def table_rows(markdown: str) -> list[list[str]]:
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", markdown, re.S):
        cells = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip()
                 for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows.append([c for c in cells if c] if cells else [])
    return rows


def notes(text: str) -> set[str]:
    return set(re.findall(r"\((\d+)\)", text))


def clean(text: str) -> str:
    return re.sub(r"\(\d+\)", "", text).strip(" []").strip()


def canton_names(ressort: str) -> list[str]:
    text = clean(ressort).rstrip(".")
    text = re.sub(r"^.*?\b[Cc]antons? (de |d'|des )?", "", text, count=1)
    names = []
    for part in re.split(r",\s*|\s+et\s+", text):
        part = part.strip().strip(".")
        if part:
            names.append(part)
    return names


class Cog:
    def __init__(self, folder: Path):
        communes = json.loads((folder / "data" / "communes.json").read_text(encoding="utf-8"))
        self.departments = {d["code"]: d["nom"] for d in json.loads(
            (folder / "data" / "departements.json").read_text(encoding="utf-8"))}
        # Metropolitan France only: overseas, the tribunaux mixtes de commerce are in other texts.
        self.by_code = {c["code"]: c for c in communes if c["type"] == "commune-actuelle" and c["zone"] == "metro"}
        self.metro = {c["departement"] for c in self.by_code.values()}
        self.arrondissements = defaultdict(list)   # parent code -> arrondissements municipaux
        for c in communes:
            if c["type"] == "arrondissement-municipal":
                self.arrondissements[c["commune"]].append(c)
        self.names = defaultdict(lambda: defaultdict(list))   # dept -> key -> [commune]
        for c in self.by_code.values():
            self.names[c["departement"]][place_key(c["nom"])].append(c)
        self.dept_by_name = {place_key(n): code for code, n in self.departments.items()}

    def postcode_keys(self, commune: dict) -> list[tuple[str, str]]:
        """(postcode, name key) pairs under which an address names this commune."""
        out = [(pc, place_key(commune["nom"])) for pc in commune.get("codesPostaux", [])]
        for arr in self.arrondissements.get(commune["code"], []):
            for pc in arr.get("codesPostaux", []):
                out += [(pc, place_key(arr["nom"])), (pc, place_key(commune["nom"]))]
        return sorted(set(out))

    def canton_commune(self, canton: str, depts: set[str], *, exact: bool = False) -> dict | None:
        """The commune a canton is named after: the longest leading part of its name that is a
        commune of those departments, stopping at « Nord », « 1er canton »...; None if unsure.
        ``exact``: only the whole name before such a suffix (« Dinan-Est » -> Dinan)."""
        words = place_key(canton).split()
        if exact:
            cut = next((i for i, w in enumerate(words) if w in DIRECTIONS or re.fullmatch(r"\d+(er|e)|canton", w)),
                       len(words))
            found = [c for d in depts for c in self.names[d].get(" ".join(words[:cut]), [])]
            return found[0] if len(found) == 1 else None
        for end in range(len(words), 0, -1):
            if end < len(words) and words[end - 1] in DIRECTIONS:
                continue
            key = " ".join(words[:end])
            found = [c for d in depts for c in self.names[d].get(key, [])]
            if len(found) == 1:
                return found[0]
            if found:
                return None
        return None


def parse_tableau_iv(text: str, cog: Cog):
    """dept -> TGIs; TGI -> depts, cantons; TI -> cantons (current rows only)."""
    dept_tgis, tgi_depts, tgi_appeal = defaultdict(set), defaultdict(set), {}
    tgi_cantons, ti_cantons = defaultdict(list), defaultdict(list)
    depts: set[str] = set()
    appeal = ""
    tgi, tgi_expired = None, False
    for cells in table_rows(text):
        if len(cells) == 1 and cells[0].startswith(("Cour d'appel", "Tribunal supérieur")):
            appeal, depts, tgi = cells[0], set(), None
            continue
        if len(cells) == 1:
            names = [place_key(n) for n in re.split(r"\s+et\s+", cells[0])]
            if all(n in cog.dept_by_name for n in names):
                depts = {cog.dept_by_name[n] for n in names}
                tgi = None
            continue
        if len(cells) == 3 and cells[0].startswith("Siège"):
            tgi = None
            continue
        if len(cells) == 3:
            tgi, tgi_expired = clean(cells[0]), bool(notes(cells[0]) & EXPIRED_NOTES)
            tgi = TYPOS.get(tgi, tgi)
            ti_cells = cells[1:]
        elif len(cells) == 2 and tgi:
            ti_cells = cells
        else:
            continue
        if tgi_expired or notes(" ".join(ti_cells)) & EXPIRED_NOTES:
            continue
        ti = clean(ti_cells[0])
        if ti.startswith("Dont ") or not depts:
            continue
        dept_tgis_here = depts
        for d in dept_tgis_here:
            dept_tgis[d].add(tgi)
        tgi_depts[tgi] |= dept_tgis_here
        tgi_appeal[tgi] = appeal
        cantons = canton_names(ti_cells[1])
        tgi_cantons[tgi] += cantons
        ti_cantons[ti] += cantons
    return dept_tgis, tgi_depts, tgi_cantons, ti_cantons, tgi_appeal


def tgi_of_communes(cog: Cog, tgi_depts, tgi_cantons) -> dict[str, tuple[str, str]]:
    """commune code -> (TGI, canton) for communes named by a canton; ambiguous ones dropped."""
    found: dict[str, set] = defaultdict(set)
    canton_of: dict[str, str] = {}
    for tgi, cantons in tgi_cantons.items():
        for canton in cantons:
            commune = cog.canton_commune(canton, tgi_depts[tgi])
            if commune:
                found[commune["code"]].add(tgi)
                canton_of.setdefault(commune["code"], canton)
        # The seat itself lies in its ressort.
        commune = cog.canton_commune(tgi, tgi_depts[tgi])
        if commune:
            found[commune["code"]].add(tgi)
            canton_of.setdefault(commune["code"], f"siège {tgi}")
    return {code: (next(iter(tgis)), canton_of[code]) for code, tgis in found.items() if len(tgis) == 1}


def intruded_departments(cog: Cog, dept_tgis, tgi_depts, tgi_cantons, tgi_appeal) -> set[str]:
    """Departments part of which lies in the ressort of a TGI listed under another department: a
    canton listed under a TGI of another department of the same cour d'appel is named after one of
    their communes (« Dinan-Est », under the TGI de Saint-Malo, for the Côtes-d'Armor)."""
    out = set()
    for dept, tgis in dept_tgis.items():
        intruders = [(other, canton) for other, cantons in tgi_cantons.items()
                     if other not in tgis and dept not in tgi_depts[other]
                     and tgi_appeal[other] in {tgi_appeal[t] for t in tgis}
                     for canton in cantons if cog.canton_commune(canton, {dept}, exact=True)
                     and not cog.canton_commune(canton, tgi_depts[other], exact=True)]
        if intruders:
            print(f"department {dept}: partly under another TGI: {intruders[:3]}", file=sys.stderr)
            out.add(dept)
    return out


def parse_annexe_7_1(text: str, previous: str, cog: Cog):
    """[(department codes, tc seat or None, ressort text, TGIs named, restored?)]"""
    def rows_of(markdown):
        out, depts = [], set()
        for cells in table_rows(markdown):
            if len(cells) < 2 or cells[0].startswith("DÉPARTEMENT") or cells[0] == "Siège":
                continue
            if len(cells) == 4 or (len(cells) == 3 and "chambre commerciale" in cells[-1]):
                names = [place_key(n) for n in re.split(r"\s+et\s+", cells[0])]
                depts = {cog.dept_by_name[n] for n in names if n in cog.dept_by_name}
            ressort = cells[-1]
            if "chambre commerciale" in ressort:
                out.append((frozenset(depts), None, ressort, [clean(cells[-2])]))
            else:
                out.append((frozenset(depts), clean(cells[-2]), ressort, []))
        return out

    current = rows_of(text)
    covered = {d for row in current for d in row[0]}
    restored = [row for row in rows_of(previous) if not (row[0] & covered)]
    return [(*row, False) for row in current] + [(*row, True) for row in restored]


def tgi_names_in(ressort: str, known: set[str]) -> list[str] | None:
    """The TGIs a « Ressort du (des) tribunal(aux) de grande instance de X (et de Y) » names."""
    m = re.match(r"Ressort (?:du tribunal|des tribunaux) de grande instance (.*)$", ressort.strip().rstrip("."))
    if not m:
        return None
    keys = {place_key(k): k for k in known}
    out = []
    for part in re.split(r"\s+et\s+", m.group(1)):
        part = re.sub(r"^(de d'|de |d'|du |des )", lambda x: {"du ": "le ", "des ": "les "}.get(x.group(0), ""),
                      part.strip())
        key = place_key(part)
        if key not in keys:
            raise SystemExit(f"annexe 7-1 names an unknown TGI {part!r} in {ressort!r}")
        out.append(keys[key])
    return out


def court_id(kind: str, seat: str) -> str:
    return f"{kind}:{place_key(seat).replace(' ', '-')}"


def build(codes: Path, cog_folder: Path, out: Path) -> None:
    cog = Cog(cog_folder)
    dept_tgis, tgi_depts, tgi_cantons, ti_cantons, tgi_appeal = parse_tableau_iv(git_show(codes, T4_COMMIT, T4), cog)
    intruded = intruded_departments(cog, dept_tgis, tgi_depts, tgi_cantons, tgi_appeal)
    # A department lies wholly in one ressort when the texts list one TGI for it and none of its
    # communes gives its name to a canton of another TGI.
    whole = {d: next(iter(t)) for d, t in dept_tgis.items() if len(t) == 1 and d not in intruded}
    by_canton = tgi_of_communes(cog, tgi_depts, tgi_cantons)
    tc_rows = parse_annexe_7_1(git_show(codes, A71_COMMIT, A71), git_show(codes, A71_PREVIOUS_COMMIT, A71), cog)

    courts: dict[str, dict] = {}
    for tgi in sorted(tgi_depts):
        note = RENAMED_SEATS.get(tgi)
        courts[court_id("tj", tgi)] = {"kind": "judiciaire", "seat": tgi, "source": "t4",
                                       **({"unconfirmed": True, "note": note} if note else {})}

    tgi_tc: dict[str, str] = {}            # whole TGI ressort -> court handling commercial matters
    commune_tc: dict[str, tuple[str, str]] = {}
    for depts, seat, ressort, named, restored in tc_rows:
        if seat is None:                   # Alsace-Moselle: chambre commerciale of the TGI
            tgi = named[0]
            cid = court_id("tj-commercial", tgi)
            courts[cid] = {"kind": "judiciaire", "seat": tgi, "division": "chambre commerciale",
                           "source": "a71"}
            tgi_tc[tgi] = cid
            continue
        cid = court_id("tc", seat)
        entry = {"kind": "commerce", "seat": seat, "source": "a71_2013" if restored else "a71"}
        special = seat in TI_RESSORTS or seat in TGI_PLUS_CANTONS
        tgis = None if special else tgi_names_in(ressort, set(tgi_depts))
        unsure = [n for n in (RENAMED_SEATS.get(seat), "row restored from an older version" if restored else None)
                  if n]
        if tgis is not None:
            for tgi in tgis:
                tgi_tc[tgi] = cid
        elif special:
            unsure.append("ressort drawn by former tribunaux d'instance and cantons; resolved by canton chef-lieu")
            if seat in TGI_PLUS_CANTONS:
                tgi_tc[seat] = cid
                cantons = TGI_PLUS_CANTONS[seat]
            else:
                tis, extra, excluded = TI_RESSORTS[seat]
                gone = {place_key(x) for x in excluded}
                cantons = [c for ti in tis for c in ti_cantons[ti] if place_key(c) not in gone] + extra
                if not any(ti_cantons[ti] for ti in tis):
                    raise SystemExit(f"no canton found for the tribunaux d'instance of {seat}: {tis}")
            for canton in cantons:
                commune = cog.canton_commune(canton, set(depts))
                if commune:
                    commune_tc.setdefault(commune["code"], (cid, canton))
        else:
            raise SystemExit(f"annexe 7-1: ressort not understood for {seat}: {ressort!r}")
        if unsure:
            entry.update(unconfirmed=True, note="; ".join(unsure))
        courts[cid] = entry

    departments, communes = {}, {}
    for dept in sorted(cog.metro):
        tgis = dept_tgis.get(dept, set())
        rule: dict[str, str] = {}
        if dept in whole:
            rule["tj"] = court_id("tj", whole[dept])
        tcs = {tgi_tc.get(t) for t in tgis}
        if tgis and dept not in intruded and len(tcs) == 1 and None not in tcs:
            rule["tc"] = tcs.pop()
        if rule:
            departments[dept] = rule
    for code, commune in cog.by_code.items():
        dept = commune["departement"]
        rule = departments.get(dept, {})
        tj = tc = None
        reason = ""
        if "tj" not in rule and code in by_canton:
            tgi, reason = by_canton[code]
            tj = court_id("tj", tgi)
        tgi_here = whole.get(dept) or (by_canton[code][0] if code in by_canton else None)
        if "tc" not in rule:
            if code in commune_tc:
                tc, why = commune_tc[code]
                reason = reason or why
            elif tgi_here and tgi_here in tgi_tc:
                tc = tgi_tc[tgi_here]
        if tj or tc:
            for postcode, key in cog.postcode_keys(commune):
                communes[f"{postcode} {key}"] = [tj or "", tc or "", reason or ""]
    postcodes: dict[str, set] = defaultdict(set)
    cross: dict[str, dict] = {}
    for commune in cog.by_code.values():
        for pc, key in cog.postcode_keys(commune):
            postcodes[pc].add((key, commune["departement"]))
    by_dept: dict[str, list] = defaultdict(list)
    for pc, pairs in sorted(postcodes.items()):
        depts = {d for _, d in pairs}
        if len(depts) == 1 and (d := next(iter(depts))):
            by_dept[d].append(pc)
        else:
            cross[pc] = {k: d for k, d in sorted(pairs)}
    for entry in courts.values():   # the COG spelling: « Évreux », « Saint-Étienne » (the export drops accents)
        spellings = {c["nom"] for names in cog.names.values() for c in names.get(place_key(entry["seat"]), [])}
        if len(spellings) == 1:
            entry["seat"] = spellings.pop()
    write(out, courts, departments, communes, {d: " ".join(v) for d, v in sorted(by_dept.items())}, cross, cog_folder)


def write(out: Path, courts, departments, communes, postcodes, cross, cog_folder: Path) -> None:
    import yaml

    version = json.loads((cog_folder / "package.json").read_text())["version"]
    header = (f"# Generated by scripts/build_courts.py; do not edit by hand (see docgen/data/courts/README.md).\n"
              f"# Sources: {A71_SOURCE}.\n# {T4_SOURCE}.\n"
              f"# Communes and postcodes: COG via npm @etalab/decoupage-administratif {version}.\n")
    ressorts = {"format": 1, "snapshot": SNAPSHOT, "cog": f"@etalab/decoupage-administratif {version}",
                "departments": departments, "postcodes": postcodes, "cross_department_postcodes": cross,
                "communes": dict(sorted(communes.items()))}
    dump = dict(allow_unicode=True, sort_keys=False, width=120, default_flow_style=None)
    (out / "fr.ressorts.yaml").write_text(header + yaml.safe_dump(ressorts, **dump), encoding="utf-8")
    (out / "fr.courts.yaml").write_text(header + yaml.safe_dump(
        {"format": 1, "snapshot": SNAPSHOT, "sources": {"a71": A71_SOURCE, "a71_2013": A71_PREVIOUS_SOURCE, "t4": T4_SOURCE},
         "courts": dict(sorted(courts.items()))}, **dump), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes", type=Path, required=True, help="git directory of etalab/codes-juridiques-francais")
    parser.add_argument("--cog", type=Path, required=True, help="unpacked @etalab/decoupage-administratif package")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "docgen/data/courts")
    args = parser.parse_args()
    build(args.codes, args.cog, args.out)


if __name__ == "__main__":
    main()
