"""Hand-written look-alike incidents of one city and one evening, a roundup of them, and follow-ups.

Three shootings in Rivertown on the same Saturday night, each reported by two outlets; a third
outlet's roundup leads with the first and gives the other two a paragraph each. Expect: three
stories, the roundup in the first one's. Later: a charge in the first shooting (its story), and
another shooting on the same street of other people (a story of its own).
"""

from __future__ import annotations

from compare.stories.vectors import Doc

DAY = 20_500.0

ELM = ("Man wounded in shooting on Elm Street",
       "A 31-year-old man was shot in the leg in the 1200 block of Elm Street about 9 p.m. Saturday, Rivertown "
       "police said.\nOfficers found Marcus Dell on the porch of a house near Elm Street and Fourth Avenue. He was "
       "taken to Mercy Hospital in stable condition.\nPolice said Dell had argued with a neighbour over a parked "
       "car before the shots were fired. No arrest has been made.")
ELM_B = ("Rivertown man shot after parking dispute on Elm Street",
         "Marcus Dell, 31, was wounded Saturday night after an argument about a parked car on Elm Street turned "
         "violent, police said.\nThe shooting happened about 9 p.m. in the 1200 block of Elm Street. Dell was "
         "hit in the leg and is in stable condition at Mercy Hospital.\nInvestigators are looking for the "
         "neighbour who fired the shots.")
HARBOR = ("Teen shot near Harbor Road bus stop",
          "A 16-year-old girl was shot while waiting at a bus stop on Harbor Road about 11 p.m. Saturday, police "
          "said.\nThe girl, a student at Westfield High School, was struck in the shoulder by a bullet fired from "
          "a passing grey sedan. She was taken to Saint Anne's Children's Hospital.\nDetectives said she was not "
          "the intended target and asked drivers with dash cameras on Harbor Road to come forward.")
HARBOR_B = ("Westfield student hit by stray bullet at bus stop",
            "A Westfield High School student, 16, was hit in the shoulder Saturday night by a bullet fired from a "
            "grey sedan as she waited for a bus on Harbor Road.\nShe is recovering at Saint Anne's Children's "
            "Hospital, police said.\nDetectives believe the shots were aimed at someone else and want to hear "
            "from drivers with dash cameras.")
MILL = ("Two wounded outside Mill Lane bar",
        "Two men were shot outside the Copper Kettle bar on Mill Lane shortly after midnight Sunday, police "
        "said.\nThe men, aged 24 and 27, were hit after a fight spilled out of the bar into the car park. Both are "
        "expected to survive.\nA bartender told officers a man in a red jacket fired four shots and ran toward "
        "the river.")
MILL_B = ("Gunman sought after two shot outside Copper Kettle",
          "Police are searching for a man in a red jacket who shot two men outside the Copper Kettle on Mill Lane "
          "early Sunday.\nThe victims, 24 and 27, were wounded after a brawl moved from the bar into the car "
          "park. Both are expected to recover.\nWitnesses said the gunman fired four times and fled toward the "
          "river.")
ROUNDUP = ("Three shootings leave four wounded across Rivertown",
           "Four people were wounded in three shootings across Rivertown on Saturday night, police said.\n"
           "A 31-year-old man, Marcus Dell, was shot in the leg in the 1200 block of Elm Street about 9 p.m. after "
           "an argument with a neighbour over a parked car. He is in stable condition at Mercy Hospital.\n"
           "Police said the neighbour fled before officers arrived.\n"
           "About 11 p.m., a 16-year-old girl waiting at a bus stop on Harbor Road was struck in the shoulder by a "
           "bullet fired from a grey sedan.\n"
           "Shortly after midnight, two men aged 24 and 27 were shot outside the Copper Kettle bar on Mill Lane "
           "after a fight; a gunman in a red jacket fled toward the river.")

# Twelve days on: the neighbour is charged. It centres on his name, which the first reports lack.
ELM_CHARGED = ("Neighbour charged in Elm Street parking shooting",
               "Rivertown police on Thursday charged Dale Kovacs, 45, with attempted murder in the shooting of "
               "Marcus Dell on Elm Street.\nKovacs surrendered at police headquarters with his lawyer, police said. "
               "Investigators say he fired three shots after an argument with Dell over a parked car.\nDell, 31, "
               "was released from Mercy Hospital last week.")
# Ten days on: another shooting on Elm Street, of other people.
OTHER_ELM = ("Woman shot on Elm Street in Rivertown",
             "A 45-year-old woman was shot in the arm in the 300 block of Elm Street about 8 p.m. Tuesday, "
             "Rivertown police said.\nOfficers found Rosa Imbert outside a laundromat. She was taken to Saint "
             "Luke's Hospital.\nPolice said a man on a bicycle fired two shots and rode off toward the park.")


def doc(id_: str, outlet: str, hours: float, piece: tuple[str, str]) -> Doc:
    return Doc(id_, outlet, DAY + hours / 24, piece[0], piece[1])


def evening() -> list[Doc]:
    """The six reports and the roundup, ids e1/e2 (Elm), h1/h2 (Harbor), m1/m2 (Mill), r1 (roundup)."""
    return [doc("e1", "Courier", 22, ELM), doc("e2", "Channel 9", 23, ELM_B), doc("h1", "Courier", 23.5, HARBOR),
            doc("h2", "Channel 9", 24.5, HARBOR_B), doc("m1", "Courier", 25, MILL), doc("m2", "Channel 9", 26, MILL_B),
            doc("r1", "Daily Star", 30, ROUNDUP)]
