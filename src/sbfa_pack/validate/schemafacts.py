"""Known official schema files, as facts: name -> (sha256 of the bytes, sha256 after normalising).

The sha256 values are those of the official copies listed in ``shared/standards/SOURCES.md`` (the
project does not carry the files themselves). "Normalised" is the same text with a UTF-8 BOM
removed, CR LF / CR turned into LF, trailing blanks trimmed from each line and exactly one final
newline: git checkouts and some authoring tools (Storyline, Adapt) ship such copies, which
SOURCES.md counts as "same content". A package's schema file is trusted for validation only
when one of the two hashes matches.
"""

from __future__ import annotations

import hashlib

KNOWN_SCHEMAS: dict[str, tuple[str, str]] = {
    "cmi5/CourseStructure.xsd": (
        "6a0b04962f5baa4603ee28e84ce4c74a122f322a548c8fdc14d93b2a23781d75",
        "f5de11268f00336bff643df2702850569d734c3c340e6fb13f21933469a0ab03",
    ),
    "scorm12/adlcp_rootv1p2.xsd": (
        "173decaf9cd31ea847e6ff6853c702137974aca6b56567151aa4a885e0aa4883",
        "de848ce12af13ef5041dcdad434bcfbea27d86f5c3f3e9eec48c03b76041c0b7",
    ),
    "scorm12/ims_xml.xsd": (
        "5209ff1d1e89cac16e797a2cdb0d5f345343ad97c1b125483a4bc6fc29319bd5",
        "1b3a43ddef4fa814a6dce69c4dbbfc25e00e0edc76a0cccfec7ed0a59c6a37b0",
    ),
    "scorm12/imscp_rootv1p1p2.xsd": (
        "d9ee699094e0db4518cf0143c81873d196b2683cf1c5ed770f108239ee079dda",
        "ad429b0d8569fc6a441168a78ec2f6ba2fa2631628b471cee442674423bc1ae6",
    ),
    "scorm12/imsmd_rootv1p2p1.xsd": (
        "51310a1097f373e619e54ef2ba9c050117de4822e6119a1cc2a3d07cfe450db9",
        "bf7da0411c6436692f5bba33a4efa06a5f14e62a9dd51c2fffe68d85dbfbc4d3",
    ),
    "scorm2004/XMLSchema.dtd": (
        "c69f01c9bc174fef53908e322e8e294b1f54f9f3430242b02ad8237322eae4b1",
        "9fa4ac122343652a4e2fc0995d1058c665650f80151126fe01619dd000e6a3a5",
    ),
    "scorm2004/adlcp_v1p3.xsd": (
        "87cefec31b160a1ecc9ffd1475bee6cb0e2d71b2bcd76ba1a08df0ac90cf8f7d",
        "4e7977e08f4d9d322f06d6135525ec287ac8b5a2e1a3b53a0acb12dae3cb8ab6",
    ),
    "scorm2004/adlnav_v1p3.xsd": (
        "1fc2678e9acaee07ba8b0da93caa5f52da5167f2999c4adbd0a4ad74c15c8bfb",
        "1fc2678e9acaee07ba8b0da93caa5f52da5167f2999c4adbd0a4ad74c15c8bfb",
    ),
    "scorm2004/adlseq_v1p3.xsd": (
        "162b5ca35a3fc43107efe0f78f5216c76f6cad8e13921c8332b7b82db7c4ae08",
        "7210ef3780ad55c9a4a7ca548f329fb2a3b97c7d94af305ffb7b3a8d89057177",
    ),
    "scorm2004/common/anyElement.xsd": (
        "cac6e4e3865324aa749b45d43f69f252e3447c7ab1d3a6432ed78c5388aefeea",
        "cac6e4e3865324aa749b45d43f69f252e3447c7ab1d3a6432ed78c5388aefeea",
    ),
    "scorm2004/common/dataTypes.xsd": (
        "b5ed98fd78019103deb5cf41642f477e4e522de48795874715b18df617086ac7",
        "b5ed98fd78019103deb5cf41642f477e4e522de48795874715b18df617086ac7",
    ),
    "scorm2004/common/elementNames.xsd": (
        "1e9abdb0af7896ad7856eac903d210a5235fec2bca62cbef8e45014794513636",
        "4141d92b871f388439c26625339eb9d0362e5936752ede878463db546647d29f",
    ),
    "scorm2004/common/elementTypes.xsd": (
        "703c395e67753c1710544c668cdfdfe510a0ea7060f644b6180fbeaef48b9226",
        "703c395e67753c1710544c668cdfdfe510a0ea7060f644b6180fbeaef48b9226",
    ),
    "scorm2004/common/rootElement.xsd": (
        "85855fd15bb5029fca257cf4253cdba42cac49be7698efaaf4f81787afb7b344",
        "85855fd15bb5029fca257cf4253cdba42cac49be7698efaaf4f81787afb7b344",
    ),
    "scorm2004/common/vocabTypes.xsd": (
        "5e06bd22cf08a56d0634e73ff33e02ea2d437695a6167c275e843bdf7f5138c4",
        "cea99b95e6eb27bda422e6d9a3278e59d0df96be3c6076af38468fc7cd478c7e",
    ),
    "scorm2004/common/vocabValues.xsd": (
        "428caec4a51277aa28c571d1d488ab7ff7720d6cd90c1a87ed3a5a6e36b945a9",
        "79f4b15c1e6dad610710fa81faa52c3bc8ab67c3c3ab19e4400bfac7184a18eb",
    ),
    "scorm2004/datatypes.dtd": (
        "6946432ca7af2e9584f91b48564111fd2c73c8debbbcd9a0e3f5ddd382eeb51c",
        "066f22046f66a4d2c7086dd1c91ed29df087dadb37cfc1ca96434e98ec33bbc3",
    ),
    "scorm2004/extend/custom.xsd": (
        "d5d2635abaeef4df02106fc4b8dd220e11e641c00842f1f8f6c32949a6ddc236",
        "d5d2635abaeef4df02106fc4b8dd220e11e641c00842f1f8f6c32949a6ddc236",
    ),
    "scorm2004/extend/strict.xsd": (
        "8f456ea45b7512e3e0d66b166ad9bc6b931e4761c2ad55eaedc463e016410b03",
        "8f456ea45b7512e3e0d66b166ad9bc6b931e4761c2ad55eaedc463e016410b03",
    ),
    "scorm2004/imscp_v1p1.xsd": (
        "37d9a70b8b9b0303cdee1af5839fe8b32c2724c39d8124e714af650da4a08cdb",
        "9746ff7dacac3f5549e480a814f0e929c1fd6d1feb548ef89d32a8a5e864b048",
    ),
    "scorm2004/imsss_v1p0.xsd": (
        "53565d8b23842d5b667beffa4ed100e3e06cdd778b60b85efc38e7a9a1f52a90",
        "e9ae8983e86e7c7bf414b734b6770773e856ce49f467db1a5a2330313e53b623",
    ),
    "scorm2004/imsss_v1p0auxresource.xsd": (
        "c0dd16d707f37c4d26484d7c233eea6d9ccbb8bad643040359f4b4f2944c057a",
        "28fa9b706276d1a6c7ffaae2a9261ef4790ff442f14c477d9a07b698526f3c48",
    ),
    "scorm2004/imsss_v1p0control.xsd": (
        "c8564177ca7b1c241d6ca893652f6946eb91fee450dce8607ba2189ba88e7969",
        "a46f797fdbeb6ebe34de63521fc414a43aa6821597fa8229f2bc3b0a174669ce",
    ),
    "scorm2004/imsss_v1p0delivery.xsd": (
        "58d4f343e3302e2986a641b066a3f0b30bd895b62d358a184cb5c3455427392c",
        "5d29e3339d8268ae5189fd3e57538ebbd149dc5a9598851a718bcb3054bea813",
    ),
    "scorm2004/imsss_v1p0limit.xsd": (
        "debda0a7fe2a1ce6e063383c4efc9fbd5f2341355c85d66062742657be2418a9",
        "f44a5999fd8e42c74679494251b0bbdb5acdc491d3c5ec5f2f442d59db176c0d",
    ),
    "scorm2004/imsss_v1p0objective.xsd": (
        "776e091df47e934432c78703e552482e83165f75c9bf89c6320ee035ecd7ae69",
        "088abb7d04da290982ec559c091dc98fc1bba052951b4345a083fb4489a2cc5a",
    ),
    "scorm2004/imsss_v1p0random.xsd": (
        "3442393c455d8a984853c1c7cdf1bf6ccf4d0c58452c0e39b6c0aab65339f597",
        "799f04a18584598e41eb561dbd256f33816cc0abd53bb78336a91f4f7d4a9bd6",
    ),
    "scorm2004/imsss_v1p0rollup.xsd": (
        "85100e4c7ba8eff77102d73d2ce265ddd803d13191a1d2b81bf3bf8bb1eac554",
        "81629d936e639b653daa238b4f999464fbd979e4c6531aba41466b07a0965e34",
    ),
    "scorm2004/imsss_v1p0seqrule.xsd": (
        "b8fbd362e2408d318ae97cc70a7d3a8a536db29150b7ef7b355f394d06027023",
        "1d55ccb90e0e6960fc8e68db38610ccc016cf71b53b482c03e0a1d815e236180",
    ),
    "scorm2004/imsss_v1p0util.xsd": (
        "b7234f3f62ede3f8dc6cd35053805ad021b4642b54f34b7960945981be95a438",
        "74d7324675c7eab0d60898974338784a6274a5cc1cbc177392db9e5ac633e0ec",
    ),
    "scorm2004/lom.xsd": (
        "c75cc4b226826e0532597b2fb62487b8c942fc5b6119d12d55798eb4c30c004a",
        "fd6ca644fcef34e9556d4d530d25788759fa353c5f1589b999f343d1fcf4df2e",
    ),
    "scorm2004/lomCustom.xsd": (
        "451c2ee5a55ba231c2fc34138bb1c1d733649f6c9598e282a654a002d2e067d0",
        "34e4b3cd7a1d5ba7e9954cee30c2045c03cbc8336fa8951f50a5608c1f49a941",
    ),
    "scorm2004/lomLoose.xsd": (
        "3adc777633215d1f85aea10ceaa3d27b10be2908b3f006bb86459302941b0ed8",
        "5fadf9f385f9ef5cdfad70a20a39edf6f53406988720e94bd02b45bd9b0c1ea7",
    ),
    "scorm2004/lomStrict.xsd": (
        "82886e7ecb2affcc0fc3ed30f9d40476d8d57bea918bfb11e2437fd84a237a12",
        "82886e7ecb2affcc0fc3ed30f9d40476d8d57bea918bfb11e2437fd84a237a12",
    ),
    "scorm2004/unique/loose.xsd": (
        "06bc22c9f52d577d2e90d304da32324c8badd9b577aa6157786338184218ffb4",
        "06bc22c9f52d577d2e90d304da32324c8badd9b577aa6157786338184218ffb4",
    ),
    "scorm2004/unique/strict.xsd": (
        "a85e93aee43885242179a5a56d0472e03e58bacf72ab128b8fcee4f363cbc1ff",
        "a85e93aee43885242179a5a56d0472e03e58bacf72ab128b8fcee4f363cbc1ff",
    ),
    "scorm2004/vocab/adlmd_vocabv1p0.xsd": (
        "b62cfc60fb7e719dcde49f05216f727e31d3cb286a40a3756b6183bce1726f9e",
        "b62cfc60fb7e719dcde49f05216f727e31d3cb286a40a3756b6183bce1726f9e",
    ),
    "scorm2004/vocab/custom.xsd": (
        "ecc663e47037db127d060ec62bf360f590d5a1d623af7dc22522f1d9d04c0b3f",
        "40916f294deb7d3eff17fbca659c258ef341c56d9d3b9ca4e0da2ebd3bbb63a6",
    ),
    "scorm2004/vocab/loose.xsd": (
        "71f4e06f1caf74649297b3b60b4d0be18909966fc90f159d926d762720d89d4a",
        "71f4e06f1caf74649297b3b60b4d0be18909966fc90f159d926d762720d89d4a",
    ),
    "scorm2004/vocab/strict.xsd": (
        "6411e6ca24441648c940e849355485c723e9b7577dacd3d967ebce9b8332e962",
        "52d457887625475edff50e2e8c68d2c0d64b0d3a0f07e68987a106fa913ced07",
    ),
    "scorm2004/xml.xsd": (
        "95907dad3dea7debdd26bddeab77e3946b95370329994beefa74253be105c3e2",
        "8fe75f48a070782e0ea927f42abcdf3355f2fad02e02ac38e39d5f6ac2fafb8b",
    ),
    "tincan/tincan.xsd": (
        "6448b559d3dd9da053d20a9d46773019c03580ef8924d2c930a4491f47625217",
        "b7b89b9a94e54b47beffa08289644e0991a21e3570a9ba29eadecf8da270a329",
    ),
}


def normalise(data: bytes) -> bytes:
    """The "same content" form of a schema file (see the module docstring)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return b"\n".join(line.rstrip(b" \t") for line in data.split(b"\n")).rstrip(b"\n") + b"\n"


def identify(data: bytes) -> str | None:
    """The official name (``scorm12/imscp_rootv1p1p2.xsd``...) of a schema file, or None if unknown."""
    raw = hashlib.sha256(data).hexdigest()
    norm = hashlib.sha256(normalise(data)).hexdigest()
    for name, (sha, nsha) in KNOWN_SCHEMAS.items():
        if raw == sha or norm == nsha:
            return name
    return None
