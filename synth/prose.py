"""The running text of a report: title, introduction, narrative, the 信息处理费 sentence and the signature."""

import random
from datetime import date

FORM_CITATIONS: dict[str, str] = {
    "2021": "《国务院办公厅政府信息与政务公开办公室关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》(国办公开办函〔2021〕30号)",
    "2019": "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》(国办公开办函〔2019〕60号)",
}
"""How an introduction cites the form its tables follow."""

OVERVIEW_TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("主动公开", (
        "全年通过门户网站主动公开政府信息{a}条，其中政策文件{b}件、政策解读{c}篇。",
        "围绕重点领域持续做好财政预决算、重大建设项目、公共资源配置等信息公开工作。",
        "坚持以公开为常态、不公开为例外，及时发布工作动态和民生领域信息。",
    )),
    ("依申请公开", (
        "全年共受理政府信息公开申请{n}件，均在法定期限内办理完毕并答复申请人。",
        "进一步规范申请接收、登记、审核、答复、归档等环节，答复文书质量稳步提高。",
    )),
    ("政府信息管理", (
        "严格落实公开前保密审查机制，做到“上网信息不涉密，涉密信息不上网”。",
        "组织开展行政规范性文件清理工作，及时更新政府信息公开指南和目录。",
    )),
    ("平台建设", (
        "持续优化门户网站栏目设置，加强政务新媒体日常巡查和内容保障。",
        "推进政务公开专区建设，方便群众就近查阅政府信息。",
    )),
    ("监督保障", (
        "将政务公开工作纳入年度绩效考核，组织业务培训{k}次，不断提升工作人员业务能力。",
        "建立健全责任追究制度，本年度未发生因政务公开工作被责任追究的情况。",
    )),
)
"""Sub-headings of section 一 and the sentences each draws from (the 2021 form lists these five topics)."""

PROBLEMS: tuple[str, ...] = (
    "存在的问题：一是政策解读形式较为单一，图解、音视频等解读数量偏少；二是部分栏目信息更新不够及时；三是工作人员业务水平有待进一步提高。",
    "改进措施：一是丰富解读形式，提高解读质量；二是加强栏目日常巡查，确保信息及时准确发布；三是加大业务培训力度，提升工作人员能力水平。",
    "下一步，我们将严格按照《中华人民共和国政府信息公开条例》要求，进一步加大公开力度，提升公开质量，推动政务公开工作再上新台阶。",
)
"""Section 五 as reports typically write it."""

NOTHING_ELSE: tuple[str, ...] = ("无。", "本年度无其他需要报告的事项。", "无其他需要报告的事项。")
"""Section 六 when there is nothing to report."""


def title(agency: str, year: int, rng: random.Random) -> str:
    """Given an agency and a year, return the report's title in one of the shapes portals use."""
    return rng.choice((
        f"{agency}{year}年政府信息公开工作年度报告",
        f"{agency}{year}年政府信息公开工作年度报告",
        f"{agency}{year}年度政府信息公开工作年度报告",
        f"{year}年{agency}政府信息公开工作年度报告",
    ))


def introduction(record: dict, rng: random.Random) -> str:
    """Given a record, return the opening paragraph: legal basis, the places it answers to, the 统计期限."""
    region = record["region"]
    places = "、".join(p for p in (region.get("province"), region.get("city")) if p)
    year, form = record["year"], record["active"]["format"]
    period = rng.choice((
        f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        f"本报告中所列数据的统计期限从{year}年1月1日起至{year}年12月31日止。",
        f"统计期限为{year}年1月1日至{year}年12月31日。",
    ))
    return (
        f"本报告根据《中华人民共和国政府信息公开条例》(以下简称《条例》)和{FORM_CITATIONS[form]}要求，"
        f"结合{places}有关工作部署编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        f"政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。{period}"
        "本报告电子版可在门户网站下载。如对本报告有疑问，请与本机关办公室联系。"
    )


def overview(record: dict, rng: random.Random) -> list[str]:
    """Given a record, return section 一: a numbered sub-heading and two or three sentences per topic."""
    numbers = {
        "a": rng.randint(20, 3000), "b": rng.randint(0, 60), "c": rng.randint(0, 30), "k": rng.randint(1, 12),
        "n": record["requests"]["rows"]["new_received"]["total"] or 0,
    }
    paragraphs = []
    for i, (topic, sentences) in enumerate(OVERVIEW_TOPICS):
        chosen = rng.sample(sentences, k=rng.randint(1, len(sentences)))
        paragraphs.append(f"({'一二三四五'[i]}){topic}情况。" + "".join(s.format(**numbers) for s in chosen))
    return paragraphs


def fee_sentence(fee: int | float | None, year: int, rng: random.Random) -> str:
    """Given the 信息处理费 charged (None: not mentioned), return section 六's sentence about it."""
    if fee is None:
        return rng.choice(NOTHING_ELSE)
    if fee == 0:
        return rng.choice((
            f"{year}年度未收取信息处理费。",
            "依据《政府信息公开信息处理费管理办法》规定，本年度本机关未收取政府信息公开信息处理费。",
            "本年度没有收取信息处理费。",
        ))
    cases = rng.randint(1, 5)
    return rng.choice((
        f"依据《政府信息公开信息处理费管理办法》规定，{year}年共收取信息处理费{fee}元。",
        f"{year}年有{cases}件政府信息公开申请收取信息处理费{fee}元。",
    ))


def signature(agency: str, published: str | None, rng: random.Random) -> list[str]:
    """Given the agency and the ISO date, return the signature lines (none when the report is undated)."""
    if published is None:
        return []
    day = date.fromisoformat(published)
    printed = rng.choice((f"{day.year}年{day.month}月{day.day}日", f"{day.year}年{day.month:02d}月{day.day:02d}日",
                          f"{day.year} 年 {day.month} 月 {day.day} 日"))
    return [agency, printed]
