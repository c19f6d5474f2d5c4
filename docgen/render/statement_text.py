"""The statement as a plain-text table for the terminal, in the case's language."""
from __future__ import annotations

from ..law.statement import Statement
from .formatting import money, rate, short_date

LABELS = {
    "fr": {"title": "Décompte au {day}", "invoice": "Facture", "period": "Période", "days": "Jours",
           "rate": "Taux", "balance": "Base", "amount": "Montant", "principal": "Principal facturé",
           "credited": "Avoirs", "paid": "Paiements reçus", "outstanding": "Principal restant dû",
           "interest": "Intérêts / pénalités de retard", "interest_paid": "dont déjà payés",
           "indemnities": "Indemnités", "total": "TOTAL DÛ", "warnings": "Avertissements", "basis": "Fondement"},
    "nl": {"title": "Afrekening op {day}", "invoice": "Factuur", "period": "Periode", "days": "Dagen",
           "rate": "Rente", "balance": "Basis", "amount": "Bedrag", "principal": "Gefactureerde hoofdsom",
           "credited": "Creditnota's", "paid": "Ontvangen betalingen", "outstanding": "Openstaande hoofdsom",
           "interest": "Nalatigheidsinteresten", "interest_paid": "waarvan reeds betaald",
           "indemnities": "Vergoedingen", "total": "TOTAAL VERSCHULDIGD", "warnings": "Waarschuwingen",
           "basis": "Grondslag"},
}


def statement_table(st: Statement, language: str = "fr") -> str:
    t = LABELS[language]
    m = lambda amount: money(amount, language)  # noqa: E731
    rows = [(t["invoice"], t["period"], t["days"], t["rate"], t["balance"], t["amount"])]
    for line in st.interest:
        rows.append((line.invoice, f"{short_date(line.first)} – {short_date(line.last)}", str(line.days),
                     rate(line.rate_percent, language), m(line.balance), m(line.amount)))
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    out = [t["title"].format(day=short_date(st.as_of)), ""]
    for n, row in enumerate(rows):
        cells = [c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))]
        out.append("  ".join(cells))
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    bases = sorted({line.basis for line in st.interest})
    for basis in bases:
        out.append(f"  {t['basis']} : {basis}")
    out.append("")
    for ind in st.indemnities:
        out.append(f"{t['indemnities']} {ind.invoice}: {m(ind.amount)}  ({ind.basis})")
    summary = [(t["principal"], st.principal), (t["credited"], -st.credited), (t["paid"], -st.paid),
               (t["outstanding"], st.outstanding_principal), (t["interest"], st.interest_total),
               (t["interest_paid"], -st.interest_paid), (t["indemnities"], st.indemnities_total),
               (t["total"], st.total_due)]
    width = max(len(label) for label, _ in summary)
    out.append("")
    for label, amount in summary:
        out.append(f"{label.ljust(width)}  {m(amount).rjust(16)}")
    if st.warnings:
        out += ["", t["warnings"] + ":"] + [f"  - {w}" for w in st.warnings]
    return "\n".join(out)
