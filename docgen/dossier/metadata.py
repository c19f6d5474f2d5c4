"""What makes a file PDF/A-3b besides its pages: the header, the information dictionary, the
XMP packet, /ID and the OutputIntent, kept consistent with each other.

They are set from the inputs only (no clock, no random identifier) so that the same inputs give
the same bytes, for the dossier and for each pièce written as its own file alike.
"""
from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, NameObject

from .pdfobjects import add_object, stream

PDF_HEADER = "%PDF-1.7"          # PDF/A-3 is based on PDF 1.7
PDF_VARIANT = "pdf/a-3b"         # how WeasyPrint lays out the dossier's own pages (documents, cover)


def pdf_date(moment: datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%SZ")


def xmp_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _uuid(raw: bytes) -> str:
    h = raw.hex()
    return f"uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def xmp_packet(*, title: str, author: str, producer: str, creator_tool: str, moment: datetime,
               document_id: bytes, instance_id: bytes, language: str) -> bytes:
    """XMP metadata of a PDF/A-3b file, mirroring the information dictionary (same Producer)."""
    e = escape
    body = f"""<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>3</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{e(producer)}</pdf:Producer>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{e(creator_tool)}</xmp:CreatorTool>
<xmp:CreateDate>{xmp_date(moment)}</xmp:CreateDate>
<xmp:ModifyDate>{xmp_date(moment)}</xmp:ModifyDate>
<xmp:MetadataDate>{xmp_date(moment)}</xmp:MetadataDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{e(author)}</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>{e(language)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
<xmpMM:DocumentID>{_uuid(document_id)}</xmpMM:DocumentID>
<xmpMM:InstanceID>{_uuid(instance_id)}</xmpMM:InstanceID>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
"""
    padding = (" " * 99 + "\n") * 20          # room for a signer to update the packet in place
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' + body + padding
            + '<?xpacket end="w"?>').encode("utf-8")


def set_metadata(writer: PdfWriter, *, title: str, author: str, producer: str, moment: datetime,
                 ids: tuple[bytes, bytes], language: str) -> None:
    """Information dictionary, XMP stream and /ID, consistent with each other and deterministic."""
    creator_tool = producer.split(" ")[0]
    writer.metadata = {"/Title": title, "/Author": author, "/Creator": creator_tool, "/Producer": producer,
                       "/CreationDate": pdf_date(moment), "/ModDate": pdf_date(moment)}
    packet = xmp_packet(title=title, author=author, producer=producer, creator_tool=creator_tool, moment=moment,
                        document_id=ids[0], instance_id=ids[1], language=language)
    metadata = stream(packet, {"/Type": NameObject("/Metadata"), "/Subtype": NameObject("/XML")}, compress=False)
    writer.root_object[NameObject("/Metadata")] = add_object(writer, metadata)
    writer._ID = ArrayObject([ByteStringObject(ids[0]), ByteStringObject(ids[1])])  # noqa: SLF001


def copy_output_intents(source: PdfReader | PdfWriter, target: PdfWriter) -> None:
    """Give ``target`` the OutputIntent of ``source`` (the one the cover was rendered with)."""
    intents = source.root_object.get("/OutputIntents")
    if intents is not None:
        target.root_object[NameObject("/OutputIntents")] = intents.get_object().clone(target)
