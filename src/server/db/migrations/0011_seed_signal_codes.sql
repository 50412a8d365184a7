-- Seeds the configurable code lists: risk and protective factors from the domain brief (section 2), and our own
-- example screening instrument. Licensed instruments (R4U, Mind2Care, ALPHA-NL) are configured by the deployment.
INSERT INTO "signal_factors" ("code", "kind", "label_nl", "label_en", "sort_order") VALUES
('partner_violence', 'risk', 'Partnergeweld', 'Partner violence', 1),
('history_of_abuse', 'risk', 'Eigen geschiedenis van mishandeling', 'Own history of abuse', 2),
('earlier_child_supervised', 'risk', 'Eerder kind onder toezicht', 'Earlier child under supervision', 3),
('psychiatric_problems', 'risk', 'Psychiatrische problemen', 'Psychiatric problems', 4),
('intellectual_disability', 'risk', 'Verstandelijke beperking', 'Intellectual disability', 5),
('depression', 'risk', 'Depressie', 'Depression', 6),
('smoking', 'risk', 'Roken', 'Smoking', 7),
('alcohol_drugs', 'risk', 'Alcohol- of drugsgebruik', 'Alcohol or drug use', 8),
('addicted_partner', 'risk', 'Verslaafde partner', 'Addicted partner', 9),
('teenage_pregnancy', 'risk', 'Tienerzwangerschap', 'Teenage pregnancy', 10),
('unintended_pregnancy', 'risk', 'Onbedoelde zwangerschap', 'Unintended pregnancy', 11),
('low_education', 'risk', 'Laag opleidingsniveau', 'Low education', 12),
('single_parent', 'risk', 'Alleenstaand', 'Single', 13),
('late_entry_care', 'risk', 'Late start van zorg', 'Late entry into care', 14),
('missed_appointments', 'risk', 'Gemiste afspraken', 'Missed appointments', 15),
('housing_problems', 'risk', 'Problemen met huisvesting', 'Housing problems', 16),
('debts', 'risk', 'Schulden', 'Debts', 17),
('unemployment', 'risk', 'Werkloosheid', 'Unemployment', 18),
('uninsured', 'risk', 'Onverzekerd', 'Uninsured', 19),
('no_support_network', 'risk', 'Geen steunend netwerk', 'No supportive network', 20),
('resilience', 'protective', 'Veerkracht', 'Resilience', 1),
('stable_family', 'protective', 'Stabiel gezin', 'Stable family', 2),
('supportive_network', 'protective', 'Steunend netwerk', 'Supportive network', 3),
('stable_income', 'protective', 'Stabiel inkomen', 'Stable income', 4),
('motivated_for_help', 'protective', 'Staat open voor hulp', 'Open to help', 5)
ON CONFLICT ("code") DO NOTHING;
--> statement-breakpoint
INSERT INTO "questionnaires" ("code", "name_nl", "name_en", "definition") VALUES
('knooppunt_voorbeeld', 'Knooppunt voorbeeldscreening (eigen inhoud)', 'Knooppunt example screening (own content)', '{"scale": [{"value": 0, "labelNl": "Nee", "labelEn": "No"}, {"value": 1, "labelNl": "Een beetje", "labelEn": "Somewhat"}, {"value": 2, "labelNl": "Ja", "labelEn": "Yes"}], "domains": [{"code": "family_network", "labelNl": "Gezin en netwerk", "labelEn": "Family and network", "items": [{"code": "alone", "textNl": "Staat u er grotendeels alleen voor?", "textEn": "Are you mostly on your own?", "weight": 2}, {"code": "tension", "textNl": "Is er veel spanning of ruzie thuis?", "textEn": "Is there a lot of tension or conflict at home?", "weight": 2}, {"code": "help_nearby", "textNl": "Mist u mensen in de buurt die kunnen helpen?", "textEn": "Do you lack people nearby who can help?", "weight": 1}]}, {"code": "money_housing", "labelNl": "Geld en wonen", "labelEn": "Money and housing", "items": [{"code": "money_worries", "textNl": "Maakt u zich zorgen over geld of schulden?", "textEn": "Do you worry about money or debts?", "weight": 1}, {"code": "housing", "textNl": "Is uw woonsituatie onzeker of ongeschikt voor een baby?", "textEn": "Is your housing insecure or unsuitable for a baby?", "weight": 1}]}, {"code": "health_lifestyle", "labelNl": "Gezondheid en leefstijl", "labelEn": "Health and lifestyle", "items": [{"code": "mood", "textNl": "Voelt u zich vaak somber of gespannen?", "textEn": "Do you often feel low or anxious?", "weight": 2}, {"code": "substances", "textNl": "Gebruikt u of uw partner alcohol, drugs of tabak?", "textEn": "Do you or your partner use alcohol, drugs or tobacco?", "weight": 1}]}, {"code": "pregnancy_parenting", "labelNl": "Zwangerschap en ouderschap", "labelEn": "Pregnancy and parenthood", "items": [{"code": "unplanned", "textNl": "Kwam de zwangerschap ongelegen?", "textEn": "Did the pregnancy come at a bad time?", "weight": 1}, {"code": "confidence", "textNl": "Twijfelt u of u de zorg voor een baby aankunt?", "textEn": "Do you doubt you can manage caring for a baby?", "weight": 2}]}], "threshold": 8}'::jsonb)
ON CONFLICT ("code") DO NOTHING;
