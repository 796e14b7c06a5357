"""A labelled set of numeric and date contradictions, written for this project (no third-party text).

Each case is news-like English made up for the test. ``Conflict`` cases give the same quantity
of the same event with figures or dates that cannot both hold; ``LookAlike`` cases give figures
that only look comparable: two polls, two quantities, two subjects or groups, before and after,
numbers such as "9/11". ``within`` cases are one article; ``across`` cases are two articles about
one event (or one topic, for look-alikes), each with a headline.

``a`` and ``b`` are words that occur in the evidence of the two conflicting claims, and nowhere
else in their article. The first set (``LABELLED``) was written before the rules were tuned;
``HELD_OUT`` after that tuning (its misses then led to fixes); ``SECOND_HELD_OUT`` after those.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Conflict:
    name: str
    texts: tuple[str, ...]  # one article (within) or two (across)
    a: str
    b: str


@dataclass(frozen=True)
class LookAlike:
    name: str
    texts: tuple[str, ...]


def article(headline: str, *paragraphs: str) -> str:
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


LABELLED_CONFLICTS = [
    # --- within one article --------------------------------------------------------------
    Conflict("fire death toll", (article(
        "Warehouse fire in Larkford",
        "A fire tore through a warehouse in Larkford on Saturday night. The fire killed 12 people, "
        "fire chief Dana Ostrow said.",
        "Crews fought the blaze for six hours before it was under control.",
        "Speaking to reporters on Sunday, the mayor said the fire killed 19 people.",
    ),), "killed 12 people", "killed 19 people"),
    Conflict("bridge opening year", (article(
        "Repairs planned for the Harlan Bridge",
        "The state will close the Harlan Bridge for repairs next spring. The bridge opened in 1998 "
        "and carries 40,000 cars a day.",
        "Engineers found cracks in two of its supports during an inspection.",
        "The bridge opened in 2003, according to the transport department, and was last repaired a decade ago.",
    ),), "opened in 1998", "opened in 2003"),
    Conflict("displaced residents", (article(
        "Floods force residents from their homes",
        "Heavy rain flooded the river valley north of Ostrava this week. The floods have displaced "
        "tens of thousands of residents, the regional governor said.",
        "Roads and rail lines remain closed.",
        "The Red Cross said the floods have displaced about 3,000 residents, most of whom are staying with relatives.",
    ),), "tens of thousands", "about 3,000 residents"),
    Conflict("stadium cost", (article(
        "City weighs a second stadium",
        "The Brennan Stadium cost $450 million to build, city records show.",
        "Council members will vote next month on whether to fund a second arena.",
        "Opponents point out that the Brennan Stadium cost $620 million to build and still loses money every season.",
    ),), "$450 million", "$620 million"),
    Conflict("referendum turnout", (article(
        "Referendum approved",
        "Voters approved the new constitution on Sunday. Turnout in the referendum was 62 percent, "
        "the electoral commission said.",
        "The opposition had urged a boycott.",
        "An opposition spokesman said turnout in the referendum was 48 percent.",
    ),), "was 62 percent", "was 48 percent"),
    Conflict("trapped miners", (article(
        "Rescue under way at Kelso mine",
        "Seven miners were trapped underground after a tunnel collapsed at the Kelso mine on Tuesday.",
        "Rescuers have drilled a narrow shaft to deliver water and food.",
        "The mining company said 11 miners were trapped underground.",
    ),), "Seven miners", "11 miners"),
    Conflict("arrest day", (article(
        "Suspect held in bank robbery",
        "Police in Garrow said the suspect was arrested on Tuesday at a motel outside the city.",
        "He is expected to appear in court next week.",
        "The suspect was arrested on Thursday, his lawyer said.",
    ),), "arrested on Tuesday", "arrested on Thursday"),
    Conflict("landfall distance", (article(
        "Hurricane Ilse makes landfall",
        "Hurricane Ilse made landfall 40 miles south of Port Hale early on Wednesday, the weather service said.",
        "More than 200,000 homes lost power.",
        "The storm made landfall 90 miles south of Port Hale, according to the coast guard.",
    ),), "40 miles", "90 miles"),
    Conflict("strike length", (article(
        "Dock workers return",
        "Dock workers in Velsen returned to work on Monday after the union and the port reached a deal.",
        "The strike lasted six weeks, the union said.",
        "Port officials said the strike lasted nine weeks and cost shippers millions.",
    ),), "lasted six weeks", "lasted nine weeks"),
    Conflict("jobs cut at one factory", (article(
        "Dunmore factory to shed jobs",
        "The tractor factory in Dunmore will cut 800 jobs, the union said on Monday.",
        "The plant has made tractors since 1961.",
        "The company said it will cut 350 jobs at the Dunmore factory by the end of the year.",
    ),), "800 jobs", "350 jobs"),
    Conflict("charity founding year", (article(
        "Shelter charity marks anniversary",
        "The Hopewell charity was founded in 1987 by two nurses.",
        "It now runs 40 shelters across the region.",
        "Founded in 1992, the Hopewell charity says demand for beds has never been higher.",
    ),), "founded in 1987", "Founded in 1992"),
    Conflict("hostages freed", (article(
        "Hostages freed in Marsa",
        "Gunmen in Marsa freed 14 hostages late on Friday, the interior ministry said.",
        "Negotiations had lasted three days.",
        "A local official said the gunmen freed about 30 hostages.",
    ),), "14 hostages", "about 30 hostages"),
    Conflict("protest size", (article(
        "Protest against pension reform",
        "Between 200 and 300 protesters gathered outside the labour ministry on Thursday, organisers said.",
        "The protest ended peacefully in the evening.",
        "Police said 1,500 protesters gathered outside the labour ministry.",
    ),), "Between 200 and 300", "1,500 protesters"),
    Conflict("passengers on the ferry", (article(
        "Ferry runs aground",
        "A ferry carrying 230 passengers ran aground off the island of Skarn on Sunday.",
        "All passengers were taken ashore by lifeboats.",
        "The ferry operator said the vessel was carrying 410 passengers when it ran aground.",
    ),), "carrying 230 passengers", "carrying 410 passengers"),
    # --- across two articles about one event ----------------------------------------------
    Conflict("quake toll across", (
        article("Earthquake strikes Valmora province",
                "A strong earthquake struck Valmora province on Monday. The earthquake killed 120 people, "
                "officials in Valmora said."),
        article("Valmora quake: rescuers search rubble",
                "Rescuers in Valmora province searched collapsed buildings on Monday. "
                "The earthquake killed 45 people, the Red Crescent said."),
    ), "killed 120 people", "killed 45 people"),
    Conflict("derailment injuries across", (
        article("Train derails near Brockton Junction",
                "A passenger train derailed near Brockton Junction on Friday. Thirty passengers were injured, "
                "the rail operator said."),
        article("Brockton Junction derailment",
                "The derailment near Brockton Junction injured 75 passengers, hospital officials said on Friday."),
    ), "Thirty passengers", "75 passengers"),
    Conflict("factory fire day across", (
        article("Fire at Tessaro textile plant",
                "The fire at the Tessaro textile plant broke out on Saturday, the company said. No one was hurt."),
        article("Tessaro plant fire under investigation",
                "Investigators are looking into the fire at the Tessaro textile plant, which broke out on Sunday."),
    ), "on Saturday", "on Sunday"),
    Conflict("acquisition price across", (
        article("Norvik buys Altamar",
                "Norvik agreed to buy the software maker Altamar for $2.3 billion, the companies said on Tuesday."),
        article("Altamar sold to Norvik",
                "The software maker Altamar will be sold to Norvik for $3.1 billion, according to a filing."),
    ), "$2.3 billion", "$3.1 billion"),
    Conflict("teachers strike size across", (
        article("Teachers strike in Corvallo",
                "About 5,000 teachers walked out of schools in Corvallo on Wednesday over pay."),
        article("Corvallo schools closed by strike",
                "More than 20,000 teachers walked out of schools in Corvallo on Wednesday, the teachers union said."),
    ), "About 5,000", "More than 20,000"),
    Conflict("election turnout across", (
        article("Lindqvist wins Estmark election",
                "Anna Lindqvist won the Estmark presidential election. Turnout was 71 percent, election officials said."),
        article("Estmark votes",
                "Turnout in the Estmark presidential election was 58 percent, the lowest in two decades."),
    ), "was 71 percent", "was 58 percent"),
    Conflict("crew of sunken ship across", (
        article("Cargo ship sinks off Cape Amory",
                "A cargo ship sank off Cape Amory on Thursday with 12 crew members on board, the coast guard said."),
        article("Search for Cape Amory crew",
                "Divers are searching for the cargo ship that sank off Cape Amory with 20 crew members on board."),
    ), "12 crew members", "20 crew members"),
    Conflict("evacuations across", (
        article("Wildfire near Pinecrest",
                "Officials evacuated 2,000 residents from Pinecrest as a wildfire spread on Sunday."),
        article("Pinecrest wildfire grows",
                "The wildfire near Pinecrest forced officials to evacuate 9,000 residents, the county sheriff said."),
    ), "2,000 residents", "9,000 residents"),
    Conflict("oil spill across", (
        article("Oil spill off Marlow Bay",
                "The tanker Aurora spilled 40,000 barrels of crude oil into Marlow Bay, environmental groups said."),
        article("Aurora tanker leak",
                "The tanker Aurora spilled 5,000 barrels of crude oil into Marlow Bay, the shipping company said."),
    ), "40,000 barrels", "5,000 barrels"),
    Conflict("resignation month across", (
        article("Kessler leaves the central bank",
                "Central bank governor Paul Kessler resigned in March after a dispute with the finance minister."),
        article("Who will lead the central bank?",
                "Paul Kessler, who resigned in June as central bank governor, has not named a preferred successor."),
    ), "resigned in March", "resigned in June"),
    Conflict("museum theft across", (
        article("Paintings stolen from the Varga Museum",
                "Thieves stole three paintings worth $5 million from the Varga Museum on Saturday night, police said."),
        article("Varga Museum theft",
                "The three paintings stolen from the Varga Museum are worth $40 million, the museum's director said."),
    ), "$5 million", "$40 million"),
]

LABELLED_LOOKALIKES = [
    # --- within one article --------------------------------------------------------------
    LookAlike("two polls", (article(
        "Diaz ahead in governor's race",
        "A Harlow University poll released on Monday shows Maria Diaz with 46 percent support among likely voters.",
        "A separate Channel 4 survey puts Diaz at 41 percent.",
        "Both polls show her opponent, Tom Reilly, trailing.",
    ),)),
    LookAlike("two rates", (article(
        "Jobs report",
        "The unemployment rate fell to 4.9 percent in August, the labour department said.",
        "The labour force participation rate was 62.9 percent.",
    ),)),
    LookAlike("before and after with years", (article(
        "A shrinking mill town",
        "Castlebrook had 12,000 residents in 1990.",
        "Today the town has 8,500 residents, and the mill has closed.",
    ),)),
    LookAlike("sales this year and last", (article(
        "Bike maker grows",
        "The company sold 300 bikes last year, its founder said.",
        "This year it sold 450 bikes, helped by a new model.",
    ),)),
    LookAlike("two groups", (article(
        "Voters split on the stadium tax",
        "Among women, 58 percent back the stadium tax, the survey found.",
        "Among men, 44 percent back the stadium tax.",
    ),)),
    LookAlike("two candidates endorsed", (article(
        "Mayors pick sides",
        "Governor Luis Reyes was endorsed by 95 mayors, his campaign said on Friday.",
        "Senator Janet Blake was endorsed by 88 mayors, according to her campaign.",
    ),)),
    LookAlike("9/11 victims", (article(
        "Families meet the senator",
        "Relatives of 9/11 victims met Senator Ruth Okafor on Tuesday to discuss the compensation fund.",
        "The group also represents the families of 11 victims of a 2014 plane crash.",
    ),)),
    LookAlike("four-way and two-way race", (article(
        "Diaz leads in new poll",
        "In a four-way race, Diaz leads with 39 percent, the poll found.",
        "In a two-way race, Diaz leads with 47 percent.",
    ),)),
    LookAlike("24/7 hotline", (article(
        "New hotline for tenants",
        "The city's tenant hotline will run 24/7 from next month, the housing office said.",
        "Until now the hotline has run 12 hours a day.",
    ),)),
    LookAlike("percent and percentage points", (article(
        "Governing party loses ground",
        "The governing party's share of the vote fell 6 percentage points to 34 percent.",
        "The opposition's share rose 15 percent compared with the last election.",
    ),)),
    LookAlike("employees in two years", (article(
        "Harwood Steel cuts staff",
        "Harwood Steel employed 5,000 people in 2010, according to its annual report.",
        "The company employed 3,200 people in 2015.",
    ),)),
    LookAlike("two openings", (article(
        "Museum celebrates",
        "The Danner Museum opened in 1998.",
        "Its new glass wing opened in 2012.",
    ),)),
    LookAlike("compatible range", (article(
        "Vigil for the victims",
        "Between 200 and 300 people attended the vigil on Friday, organisers said.",
        "About 250 people attended the vigil, police said.",
    ),)),
    LookAlike("two plants", (article(
        "Carmaker cuts jobs",
        "The plant in Akron will cut 300 jobs, the company said.",
        "The plant in Dayton will cut 500 jobs.",
    ),)),
    LookAlike("budgeted and spent", (article(
        "Road repairs behind schedule",
        "The city budgeted $4 million for road repairs this year.",
        "It has spent $2.5 million on road repairs so far, the auditor said.",
    ),)),
    LookAlike("two match scores", (article(
        "Hawks take revenge",
        "The Hawks beat the Lions 3-1 on Saturday.",
        "The Lions had beaten the Hawks 2-0 in March.",
    ),)),
    LookAlike("nearly and exact", (article(
        "Marathon draws record field",
        "Nearly 1,000 runners finished the Ashby marathon on Sunday.",
        "Organisers said 980 runners finished the race.",
    ),)),
    LookAlike("forecast and actual", (article(
        "Festival numbers",
        "The festival drew 25,000 visitors this year, organisers said.",
        "The council expects 40,000 visitors next year.",
    ),)),
    LookAlike("arrested and marched", (article(
        "Clashes at the protest",
        "About 300 protesters marched through the city centre on Saturday.",
        "Police arrested 40 protesters after windows were smashed.",
    ),)),
    LookAlike("change from and to", (article(
        "Bus fares rise",
        "Single bus fares will rise from $2 to $2.50 in January, the transit authority said.",
        "A monthly pass will cost $75.",
    ),)),
    # --- across two articles ---------------------------------------------------------------
    LookAlike("two polls across", (
        article("Diaz gains in Redfield poll",
                "A Redfield poll released on Monday shows Maria Diaz at 46 percent in the governor's race."),
        article("Marist: Diaz slips",
                "A Marist poll released on Thursday shows Maria Diaz at 41 percent in the governor's race."),
    )),
    LookAlike("toll on two days across", (
        article("Valmora quake toll rises",
                "On Monday officials in Valmora said 20 people had died in the earthquake."),
        article("Valmora quake: toll climbs",
                "The death toll from the Valmora earthquake rose to 45 on Tuesday, officials said."),
    )),
    LookAlike("two parties across", (
        article("Stadium tax divides Calder voters",
                "In Calder, 58 percent of Democrats support the stadium tax, a survey found."),
        article("Calder Republicans reject stadium tax",
                "Only 22 percent of Republicans in Calder support the stadium tax."),
    )),
    LookAlike("two companies across", (
        article("Norvik shares fall",
                "Norvik shares fell 8 percent on Tuesday after the Altamar deal was announced."),
        article("Altamar shares slip",
                "Altamar shares fell 3 percent on Tuesday after the Norvik deal was announced."),
    )),
    LookAlike("tourists in two years across", (
        article("Tourism returns to Ostrel",
                "In 2019, 3,000 tourists visited the Ostrel caves."),
        article("Ostrel caves boom",
                "In 2022, 9,000 tourists visited the Ostrel caves, the tourism board said."),
    )),
    LookAlike("compatible toll across", (
        article("Landslide in Berat valley",
                "Between 40 and 60 people died in the landslide in the Berat valley, officials said."),
        article("Berat valley landslide",
                "About 50 people died in the Berat valley landslide, the Red Cross said."),
    )),
]

# Written after the rules were tuned on the set above; the rules were not changed for these.
HELD_OUT_CONFLICTS = [
    Conflict("homes destroyed", (article(
        "Wildfire sweeps through Redvale",
        "The blaze destroyed 40 homes in Redvale, the fire service said on Monday.",
        "Firefighters from three counties were called in.",
        "Residents said the blaze destroyed more than 100 homes and most of the town's shops.",
    ),), "40 homes", "more than 100 homes"),
    Conflict("hospital wing cost", (article(
        "Hospital wing opens",
        "The new hospital wing cost £85 million, the health trust said.",
        "It has 200 beds and two operating theatres.",
        "The hospital wing cost £120 million, according to figures released by the council.",
    ),), "£85 million", "£120 million"),
    Conflict("grain cargo", (article(
        "Grain ship stuck in the canal",
        "The ship was carrying 1,200 tonnes of grain when it ran aground in the canal.",
        "Tugs are expected to free it within days.",
        "The vessel's owner said it was carrying 3,000 tonnes of grain.",
    ),), "1,200 tonnes", "3,000 tonnes"),
    Conflict("treaty year", (article(
        "Treaty anniversary",
        "The treaty was signed in 1951 by six countries.",
        "Historians still debate its effect on trade.",
        "The treaty, signed in 1957, created a common market for coal and steel, the museum says.",
    ),), "signed in 1951", "signed in 1957"),
    Conflict("crash deaths", (article(
        "Crash on the A40",
        "Police said three people were killed in the crash on the A40 on Sunday morning.",
        "The road was closed for nine hours.",
        "Five people were killed in the crash, a hospital spokeswoman said.",
    ),), "three people", "Five people"),
    Conflict("employees worldwide", (article(
        "Borland Tools expands",
        "Borland Tools has 4,500 employees worldwide, its chief executive said.",
        "The company makes hand tools and garden equipment.",
        "According to its annual report, Borland Tools has 6,200 employees worldwide.",
    ),), "4,500 employees", "6,200 employees"),
    Conflict("provincial unemployment", (article(
        "Jobless rate disputed",
        "Unemployment in the province stands at 7.2 percent, the statistics office said.",
        "The opposition leader said unemployment in the province stands at 11 percent.",
    ),), "7.2 percent", "11 percent"),
    Conflict("singer's death day across", (
        article("Ella Marne dies at 79",
                "The singer Ella Marne died on Tuesday at her home in Lisbon, her family said."),
        article("Tributes to Ella Marne",
                "Ella Marne, who died on Wednesday in Lisbon, recorded more than 40 albums."),
    ), "died on Tuesday", "died on Wednesday"),
    Conflict("customers affected across", (
        article("Telvia hit by ransomware",
                "The ransomware attack affected 2 million customers of Telvia, the company said."),
        article("Telvia attack: what we know",
                "The attack on Telvia affected 300,000 customers, according to the data protection office."),
    ), "2 million customers", "300,000 customers"),
    Conflict("bridge collapse toll across", (
        article("Bridge collapse in Dorran",
                "The collapse of the Dorran river bridge killed 22 people, rescuers said on Friday."),
        article("Dorran mourns",
                "The Dorran river bridge collapse killed 31 people, the regional government said."),
    ), "killed 22 people", "killed 31 people"),
    Conflict("airport passengers across", (
        article("Hollis Airport traffic",
                "Hollis Airport handled 18 million passengers last year, the airport authority said."),
        article("Hollis Airport plans new terminal",
                "Hollis Airport handled 24 million passengers last year and plans a third terminal."),
    ), "18 million passengers", "24 million passengers"),
    Conflict("mayor elected across", (
        article("Tarn mayor steps down",
                "Rosa Ibarra, who was elected in 2014 as mayor of Tarn, announced her resignation."),
        article("Ibarra resigns in Tarn",
                "The mayor of Tarn, Rosa Ibarra, was elected in 2016 on a promise to rebuild the harbour."),
    ), "elected in 2014", "elected in 2016"),
]

HELD_OUT_LOOKALIKES = [
    LookAlike("employees in two regions", (article(
        "Borland Tools staff",
        "Borland Tools has 4,500 employees in Europe.",
        "It has 2,000 employees in Asia, the company said.",
    ),)),
    LookAlike("arrests on two days", (article(
        "Arrests after riots",
        "Police arrested 12 people on Friday night.",
        "On Saturday they arrested 30 people, a spokesman said.",
    ),)),
    LookAlike("two parties' vote shares", (article(
        "Election results",
        "The Conservatives won 42 percent of the vote.",
        "Labour won 35 percent of the vote, its best result in a decade.",
    ),)),
    LookAlike("prices in two months", (article(
        "Inflation slows",
        "Prices rose 3 percent in March, the statistics office said.",
        "In April prices rose 1.5 percent.",
    ),)),
    LookAlike("two phases", (article(
        "Tram line costs",
        "The first phase of the tram line cost $12 million.",
        "The second phase will cost $30 million, the transport authority estimates.",
    ),)),
    LookAlike("winter and summer population", (article(
        "Island life",
        "About 2,000 people live on the island of Hessa in winter.",
        "In summer the population swells to 15,000 people.",
    ),)),
    LookAlike("two surveys", (article(
        "Support for smoking ban",
        "A YouGov survey found 55 percent support for the ban.",
        "An Ipsos survey found 48 percent support for the ban.",
    ),)),
    LookAlike("revenue and profit", (article(
        "Marlow Group results",
        "Marlow Group's revenue was $3 billion last year.",
        "Its profit was $400 million, the company said.",
    ),)),
    LookAlike("7/7 and a new attack", (article(
        "Attack in the capital",
        "Seven people were hurt in Tuesday's attack on the metro, police said.",
        "It was the worst attack on the network since the 7/7 bombings, which killed 52 people.",
    ),)),
    LookAlike("car sales in two years across", (
        article("Electric car sales in Norland",
                "Sales of electric cars in Norland rose to 120,000 last year."),
        article("Norland's electric car market",
                "Sales of electric cars in Norland reached 90,000 in 2022, the car dealers' association said."),
    )),
    LookAlike("two families' stakes across", (
        article("Corvin family and Dalmark Bank",
                "The Corvin family owns 30 percent of Dalmark Bank, filings show."),
        article("Pell family stake in Dalmark Bank",
                "The Pell family owns 12 percent of Dalmark Bank, according to filings."),
    )),
    LookAlike("outages on two days across", (
        article("Storm cuts power in Essmouth",
                "The storm left 80,000 homes in Essmouth without power on Monday."),
        article("Essmouth power restored slowly",
                "By Wednesday, 5,000 homes in Essmouth were still without power, the utility said."),
    )),
]

# A second held-out set, written after the fixes that the first one's misses prompted (the
# first one stopped being held out then); the rules were not changed for these.
SECOND_HELD_OUT_CONFLICTS = [
    Conflict("houses buried", (article(
        "Landslide hits Corra",
        "The landslide buried 14 houses in the village of Corra, the mayor said.",
        "Heavy rain had fallen for a week.",
        "Rescue workers said the landslide buried 40 houses.",
    ),), "14 houses", "40 houses"),
    Conflict("festival budget", (article(
        "Festival money row",
        "The festival's budget is €2.5 million, the organisers said.",
        "The culture ministry said the festival's budget is €4 million.",
    ),), "€2.5 million", "€4 million"),
    Conflict("factory closing year", (article(
        "A town after the factory",
        "The Halberg factory closed in 2009, the town's history society says.",
        "Many families left the town.",
        "The Halberg factory closed in 2011 after two years of losses, according to the company.",
    ),), "closed in 2009", "closed in 2011"),
    Conflict("climbers rescued", (article(
        "Climbers rescued",
        "Nineteen climbers were rescued from the glacier on Saturday.",
        "Mountain police said 12 climbers were rescued from the glacier.",
    ),), "Nineteen climbers", "12 climbers"),
    Conflict("flood toll across", (
        article("Floods in Varna province",
                "Floods in Varna province have killed 17 people, officials said on Sunday."),
        article("Varna floods",
                "The floods in Varna province have killed 26 people, the civil protection agency said."),
    ), "17 people", "26 people"),
    Conflict("dam burst day across", (
        article("Kessel dam bursts",
                "The Kessel dam burst on Thursday, flooding three villages."),
        article("Kessel dam: villages flooded",
                "The Kessel dam, which burst on Friday, had been inspected in spring."),
    ), "on Thursday", "on Friday"),
    Conflict("shipyard price across", (
        article("Rival Corp buys Emden shipyard",
                "Rival Corp will pay $700 million for the Emden shipyard, the company said."),
        article("Emden shipyard sold",
                "Rival Corp will pay $1.2 billion for the Emden shipyard, according to people familiar with the deal."),
    ), "$700 million", "$1.2 billion"),
    Conflict("walkout size across", (
        article("Walkout at Lindau plant",
                "About 400 workers walked off the job at the Lindau plant on Monday."),
        article("Lindau plant strike",
                "Around 2,500 workers walked off the job at the Lindau plant, the union said."),
    ), "About 400", "Around 2,500"),
]

SECOND_HELD_OUT_LOOKALIKES = [
    LookAlike("trees this year and next", (article(
        "Greener streets",
        "The city planted 5,000 trees last year.",
        "This year it will plant 8,000 trees, the parks department said.",
    ),)),
    LookAlike("men and women's pay", (article(
        "Pay gap in the county",
        "Men in the county earn a median salary of $52,000.",
        "Women in the county earn a median salary of $41,000, the survey found.",
    ),)),
    LookAlike("two wings", (article(
        "Hospital beds",
        "The north wing of the hospital has 120 beds.",
        "The south wing has 80 beds.",
    ),)),
    LookAlike("two approval polls", (article(
        "Mayor's approval",
        "A Gallup poll puts approval of the mayor at 41 percent.",
        "A Monmouth poll puts it at 47 percent.",
    ),)),
    LookAlike("two halves", (article(
        "Rovers win",
        "Rovers scored three goals in the first half.",
        "They scored one goal in the second half.",
    ),)),
    LookAlike("exports in two months across", (
        article("Tamsen exports rise", "Exports from Tamsen rose 4 percent in May, the trade office said."),
        article("Tamsen exports slip", "Exports from Tamsen fell 2 percent in June."),
    )),
    LookAlike("memorial visitors in two years across", (
        article("Halden memorial", "Halden's 9/11 memorial drew 30,000 visitors last year."),
        article("Halden memorial busier", "Halden's 9/11 memorial drew 45,000 visitors this year, the city said."),
    )),
    LookAlike("two candidates' shares across", (
        article("Ruiz wins Ostend", "Carla Ruiz won 52 percent of the vote in the Ostend district."),
        article("Bell concedes in Ostend", "Marco Bell won 48 percent of the vote in the Ostend district."),
    )),
]
