"""The tuned numbers of ``looks``: how each attribute of a person is read from the photo
(``LooksOptions``; ``LOOKS_OPTIONS`` is the default). Each field says what it does and how it was
measured.
"""

from __future__ import annotations

from dataclasses import dataclass

from rpipp_gui.referring.stripes import STRIPE_OPTIONS, StripeOptions


@dataclass(frozen=True)
class LooksOptions:
    """Tuned numbers of the attribute reading (dev photos and the synthetic test figures).

    min_head_px:     a head shorter than this (pixels) is too small to read its hair (bald / blonde);
                     12 -> 8 read the dev photos' distant heads (vtest_0500's balding man, 9.8 px).
    child_years / teen_years / old_years: age-group boundaries on the age network's expected age.
    pattern_min_px:  an upper body shorter than this (pixels) is too small to read its pattern.
    stripe_coherence: colour-gradient coherence of the upper body from which its busy texture reads
                     as lined (less patterned); striped itself is read by ``stripes`` (issue 13s: the
                     coherence rated two plain men by a sign 1.00 striped and the striped man 0.16).
    texture_plain:   mean contrast left after a blur (0..255 units) up to which clothing is plain;
                     at twice this it is fully busy (dev photos: T-shirt 18, Hawaiian shirt 34).
    young_years:     "young" is an expected age under this.

    Set by hand on the dev photos and the synthetic figures in 4bf3e7b unless said; a ramp (a, b)
    maps a measure x to clip((x - a) / b, 0, 1), a scale s to clip(x / s, 0, 1). Lengths of the
    pose words are in torso lengths (shoulders' to hips' midpoint):
    pose_min_px:     pose is run on a person's box (people found without keypoints) only when it
                     is at least this many pixels high...
    pose_margin:     ...on the box grown by (this share of its width, of its height) on each side.
    min_visibility:  a keypoint is seen from this MediaPipe visibility on.
    shoulder_torso:  without hips, the torso is this many shoulder widths long.
    raised:          arms_raised: scale of the wrist's height above its shoulder.
    point_reach:     pointing: ramp of the wrist's distance from its shoulder...
    point_side:      ...times the scale of its sideways reach...
    point_level:     ...times 1 less the wrist's height off its shoulder over this (arm level).
    hand_face:       hand_to_face: ramp of the nearest hand's distance to the nose (the nearer of
                     its wrist and index fingertip; a wrist above the eyes is a hand on the head and
                     does not count, issue-13k: real_people_pkg sample2's hand on her head read 0.32
                     beside the finger-biter's 0.51), inverted
                     ((a - x) / b).
    hold_together:   holding: ramp of the wrists' distance, inverted...
    hold_front:      ...times the scale of the wrists' height above the hips.
    hold_visibility: the wrists count for holding from this MediaPipe visibility on (lower than
                     ``min_visibility``: hands around a held thing are partly covered by it; the
                     man carrying papers in vtest_0400 has wrists at 0.46 and 0.85).
    bending:         bending: ramp of the torso's upright height, inverted.
    walking:         walking: ramp of the ankles' horizontal stride (times the standing fit).
    kicking:         kicking: ramp of the ankles' height difference...
    kick_spread:     ...or of the angle (degrees) between the legs, hip centre to each ankle,
                     whichever is higher: a kick swings one leg far out while a walker's stride
                     stays narrow. Measured on every person with seen hips and ankles in the dev
                     photos and real_people_more (33): walkers 0-52 degrees, the footballer
                     kicking in messi5.jpg 72 (his ankles' height difference alone gives 0.46, and
                     walkers reach 0.35 on it).
    head_share:      with no face read, the head is min(this share of the box's height, this share
                     of its width).
    hair_top_face:   hair above a read face: (inset of each side in fw, above the face's top in fh,
                     below it in fh)...
    hair_side_face:  ...long hair beside it: (out of each side in fw, top and bottom below the face's
                     top and bottom in fh).
    hair_top_box:    with no face: top of the head (half width, depth) in heads...
    hair_side_box:   ...and beside it (half width, top, bottom below the box's top) in heads.
    hair_min_px:     fewer top-of-head pixels than this: the hair is unknown.
    hand_on_head:    a hand keypoint (wrist or knuckle) seen at least (a) well, within (b) face
                     widths of the read face's sides and between the top of the hair region and (c)
                     face heights below the face's top lies over the hair: its skin would read as a
                     bald scalp, so bald reads 0 and the hair's colour is read on the rest
                     (real_people_pkg4 no-target: a long-haired man with his palm on his forehead
                     read bald 1.00; his knuckles lie 0.15-0.25 fh below the face's top, the fingers
                     reach up over the hair; a hand at the ear or the mouth lies lower, out of it).
    hair_min_bare:   the hair's colours are read on its non-skin pixels when at least this many
                     (3d4e43f).
    skin:            a pixel is skin-like when r > a, r > g + b, g > b - c, d < r - b < e and
                     g > f: (a, b, c, d, e, f) in 0..255 units (also view.skin_share).
    scalp_face:      with a read face, its skin colour is the median of the face box less this
                     share of its width and height on each side...
    scalp_shine:     ...and a top-of-head pixel that fails ``skin`` counts as lit scalp when it is
                     at least as bright as that skin (mean of r, g, b) less ``a``, warm (r >= g >= b,
                     r - b at least ``b``; a, b in 0..255 units) and its tint (r - b) / r no more
                     than the face's plus ``c``: a bald head under daylight is a washed-out, paler
                     copy of the face, gray or white hair has r close to b, blonde hair is more
                     saturated than the face. Dev photos (top-of-head skin share, finder's people
                     with a read face): the balding man 0.48 -> 0.72 (vtest_0500), 0.71 -> 0.93
                     (vtest_0700), 0.29 -> 0.57 (vtest_0200, head under 8 px: unread); of the 19
                     other faces three rise by more than 0.02: 0.25 and 0.33 -> 0.50 (vtest_0700,
                     below him) and 0.91 -> 1.00 (a 5 px head, unread). Issue-13t: the last test was
                     r - b at most the face's r - b; the tint is what light and shade scale alike:
                     real_people_pkg2 zidane's lit bald scalp (r - b 97, tint 0.57) over his shaded
                     face (r - b 66, tint 0.82) read no scalp and "bald" fit 0.
    scalp_tint:      ...and, on a face at least ``c`` pixels tall, that tint is at least ``a``
                     times the face's unless the pixel is a highlight (mean of r, g, b at least
                     ``b``, 0..255): white hair under warm light keeps some r - b but little tint
                     (real_people_pkg2 biden, a 382 px face: hair tint 0.11, face 0.47, forehead
                     0.48; under 2 % of his hair is that bright), so it read as lit scalp, bald 1.0
                     and "the white-haired man" nobody. On a smaller head hair, scalp and
                     background blur into one washed-out colour and the tint tells nothing: dev
                     vtest_0500's balding man (a 10 px face, the tests' daylight scalps
                     (250, 246, 236), (236, 226, 222)) and real_people_more vtest_0750's ash-blonde
                     woman (an 8 px face, hair tint 0.07-0.17 over a face's 0.31: read gray 0.69
                     with the floor, "the blonde woman on the left" lost in --boxes) keep the
                     rule above alone.
    scalp_match:     with a read face, a top-of-head pixel passes ``skin`` only when it is also the
                     face's own skin colour: chromaticity (r, g over r + g + b) within ``a`` of the
                     face's, brightness within (b, c) times it. Warm-lit brown and blonde hair passes
                     the fixed skin rule (issue-13k, real_people_pkg: long-haired women read bald 1.0,
                     top-of-head skin 0.88-0.99; with the face's colour 0.03-0.52), a bald head does
                     not lose it (dev vtest_0500's balding man 0.72 either way, vtest_0700 0.93).
    light_hair:      mean hair brightness (0..255) above which its brown counts toward blonde.
    dark_yellow:     yellow and orange hair pixels count toward blonde only from this brightness
                     (mean of r, g, b); darker ones are a cast of dark hair (issue-13h).
    not_hair:        a head region more than this share green, blue or purple (colours hair does not
                     have: grass or pavement behind a head without a mask) is not read (issue-13h,
                     held-out vtest_0300 box: grass read as blonde 0.95).
    blonde_as_bald:  pale golden hair reads as lit skin (the bald test): blonde fits at least this
                     times the bald fit. Held-out plaza frames: three blonde women read bald 1.0
                     (skin share 0.85-0.87), so "the woman with curly blonde hair" was "nobody".
    gray_as_blonde:  platinum and ash blonde hair has the colours of grey hair (low tint, light):
                     where the gray fit is at least ``a``, the blonde fit under ``c`` (what the
                     resolver reads as "nobody is seen": ``LooksScoringOptions.missing_fit``) and
                     the face's p(old) under ``b``, "blonde" is not judged (an unseen fit) rather
                     than denied. On the annotated people of the fourteen sets whose descriptions
                     name a hair colour, 9 of 45 blondes read gray (p(old) 0.00 on each of the 7
                     with a read age: uswds_hero's platinum blonde, thumbor_Katherine_Maher), so
                     "the blonde woman" answered "nobody is seen 'blonde hair'"; true greys read
                     p(old) 0.54-1.00 but for a grey photo of Einstein (0.02). Tried first: blonde
                     fitting as well as gray times (1 - p(old)): 3 sentences more right, but a
                     dark-haired woman read gray 0.76 with p(old) 0.24 (pkg12
                     landing_testimonials-3) became "the woman with long blonde hair", a silent
                     guess; unjudged with p(old) under 0.5 she still was (a lone woman matched on
                     "woman"), and a blonde read 0.34 (pkg8 soft_toa-heftiba) lost her match.
    bald:            bald: ramp of the top of the head's skin share (a read face)...
    bald_no_face:    ...else this times the skin share.
    blonde:          blonde: (weight of brown when light, scale of yellow + orange + brown), times
                     the non-skin share (3d4e43f), as are dark, gray and red:
    dark:            dark: (weight of brown, scale of black + brown).
    gray:            gray: ramp of gray + white.
    red:             red: scale of red. Issue-13ab looked at reading red hair across the red /
                     orange hue border too (auburn: hue ~20, named brown or orange) and left it:
                     the share of hair pixels at hue 15-27 and saturation >= 0.5 does not tell
                     auburn from other hair in a warm, saturated photo: real_people_pkg4
                     2011_000006's red-haired p3 0.68, its blonde p2 0.70, a dark-haired p4
                     0.37; multi_face's redhead p5 0.56 against brown-haired heads 0.18-0.19
                     (Image_with_alpha, xmorph_image1). A rule would need the photo's own cast,
                     and only pkg4 (measured, not tuned on) has red-haired people.
    long_colour:     long hair: pixels beside the face this close (RGB distance) to the top of the
                     head's mean colour and not skin...
    long_share:      ...ramp of their share.
    sunglasses:      ramp of the cheeks' brightness less the eye band's (the aligned 64 px chip).
    frames:          glasses: ramp of the vertical edge strength over the nose bridge.
    eyewear_padding: margin around the landmark template of the eyewear chip (64 px), as a share of
                     the template's size: 0.25, what ``sunglasses`` and ``frames`` were set on (the
                     gender and age chips moved to 0.2; this one keeps its own so eyewear does not move).
    beard:           facial hair (confirm only): ramp (start, width) of the lesser of two darkenings
                     against the cheeks (``beard_cheeks``), CIELAB lightness 0..255 on the eyewear
                     chip: the upper lip (``beard_lip``) and the jaw (``beard_jaw``). Measured on
                     every annotated person whose face is read, in the eleven sets dev, more,
                     pkg..pkg9: 23 described with a beard, moustache or stubble read -8..102 (14
                     of them >= 48; white and grey beards read as skin, under 25), 77 women and
                     children -30..43; of 65 other men the four over 45 show stubble or a goatee
                     on the chip (the describer did not name it). From 60 on "beard" fits fully;
                     a fit under ``LooksScoringOptions.missing_fit`` on everyone leaves the word
                     unjudged, never denied (a white beard).
    beard_lip, beard_jaw, beard_cheeks: (top, bottom, left, right) bands of the 64 px chip.
    eye_band, cheek_band, bridge_band: (top, bottom, left, right) of the eye band, the cheeks and
                     the nose bridge in the aligned chip, in pixels of a 64 px chip (4bf3e7b).
    pattern_inset:   the pattern is read on the upper body less this share of the box's width on
                     each side...
    pattern_aspect:  ...at least this times ``pattern_min_px`` wide.
    blur_rows:       the blur's sigma is the region's height over this (at least 1 px)...
    smooth:          ...the gradients' smoothing sigma max(first, blur sigma / second).
    pattern_cloth:   with a mask, the contrast is averaged over the clothing alone: mask pixels at
                     least (a) blur sigmas inside the mask's edge and (a) sigmas away from bare skin of
                     the face's colour (``colors.skin_pixels``), when at least (b) of the region is
                     left; else over the whole region. Issue-13k, real_people_pkg (people pressed
                     together): the neighbours, hair and arms in the box made every upper body busy
                     (sample4: a black top 29 vs the patterned dress 57; on the clothing 12 vs 50).
    stripe_ramp:     lined: (coherence - ``stripe_coherence``) over this.
    stripes:         the stripe reading's own numbers (``stripes.StripeOptions``).
    stripes_unread_busy: clothing at least this busy on which no stripes are read has "striped"
                     unknown, not 0: a band reading fails on a busy top (the calibration photos'
                     striped shirt behind a chessboard, busy 1.0) without telling it is not striped,
                     and "nobody is seen 'striped'" would be a wrong answer there (real_people_more
                     --descs: 8 "nobody" -> unsure). Plain people read busy 0.0 - 0.36, the busy
                     ones 0.5 - 1.0 (dev photos and real_people_more).
    """

    min_head_px: float = 8.0
    child_years: float = 13.0
    teen_years: float = 20.0
    old_years: float = 58.0
    pattern_min_px: float = 20.0
    stripe_coherence: float = 0.3
    texture_plain: float = 15.0
    young_years: float = 30
    pose_min_px: float = 48
    pose_margin: tuple[float, float] = (0.15, 0.08)
    min_visibility: float = 0.5
    shoulder_torso: float = 2.0
    raised: float = 0.3
    point_reach: tuple[float, float] = (0.6, 0.4)
    point_side: float = 0.6
    point_level: float = 0.8
    hand_face: tuple[float, float] = (0.5, 0.3)
    hold_together: tuple[float, float] = (0.6, 0.4)
    hold_front: float = 0.2
    hold_visibility: float = 0.4
    bending: tuple[float, float] = (0.85, 0.35)
    walking: tuple[float, float] = (0.15, 0.35)
    kicking: tuple[float, float] = (0.25, 0.4)
    kick_spread: tuple[float, float] = (55.0, 15.0)
    head_share: tuple[float, float] = (0.13, 0.8)
    hair_top_face: tuple[float, float, float] = (0.1, 0.35, 0.1)
    hair_side_face: tuple[float, float] = (0.45, 0.6)
    hair_top_box: tuple[float, float] = (0.35, 0.45)
    hair_side_box: tuple[float, float, float] = (0.7, 0.9, 1.7)
    hair_min_px: int = 6
    hand_on_head: tuple[float, float, float] = (0.5, 0.0, 0.3)
    hair_min_bare: int = 4
    skin: tuple[int, int, int, int, int, int] = (80, 10, 5, 20, 140, 45)
    scalp_face: float = 0.2
    scalp_shine: tuple[float, float, float] = (0.0, 8.0, 0.0)
    scalp_tint: tuple[float, float, float] = (0.5, 220.0, 24.0)
    scalp_match: tuple[float, float, float] = (0.045, 0.5, 1.5)
    light_hair: float = 110
    dark_yellow: float = 80
    not_hair: float = 0.3
    blonde_as_bald: float = 0.3
    gray_as_blonde: tuple[float, float, float] = (0.3, 0.1, 0.2)
    bald: tuple[float, float] = (0.35, 0.35)
    bald_no_face: float = 0.5
    blonde: tuple[float, float] = (0.5, 0.45)
    dark: tuple[float, float] = (0.7, 0.55)
    gray: tuple[float, float] = (0.3, 0.5)
    red: float = 0.4
    long_colour: float = 45
    long_share: tuple[float, float] = (0.2, 0.35)
    sunglasses: tuple[float, float] = (25, 40)
    frames: tuple[float, float] = (6, 10)
    eyewear_padding: float = 0.25
    beard: tuple[float, float] = (50.0, 10.0)
    beard_lip: tuple[int, int, int, int] = (36, 39, 25, 39)
    beard_jaw: tuple[tuple[int, int, int, int], ...] = ((45, 54, 14, 22), (45, 54, 42, 50))
    beard_cheeks: tuple[tuple[int, int, int, int], ...] = ((30, 38, 12, 22), (30, 38, 42, 52))
    eye_band: tuple[int, int, int, int] = (18, 28, 10, 54)
    cheek_band: tuple[int, int, int, int] = (32, 40, 12, 52)
    bridge_band: tuple[int, int, int, int] = (16, 26, 28, 36)
    pattern_inset: float = 0.15
    pattern_cloth: tuple[float, float] = (1.0, 0.05)
    pattern_aspect: float = 0.7
    blur_rows: float = 30
    smooth: tuple[float, float] = (0.7, 3)
    stripe_ramp: float = 0.3
    stripes: StripeOptions = STRIPE_OPTIONS
    stripes_unread_busy: float = 0.5


LOOKS_OPTIONS = LooksOptions()


@dataclass(frozen=True)
class WornFitOptions:
    """How the picture classifier's reading of a person's box (``worn.WornReader``, ImageNet-1k
    EfficientNet-Lite2) becomes the fit of a thing worn ("cowboy hat", "suit", "helmet"; the words:
    ``looks_words.WORN_PHRASES``). Measured on every annotated person of the nine real sets (327
    boxes, wearers told by the annotation's description): a suit summed 0.35-0.83 on 12 of 15
    wearers (0.0-0.008 on two kart drivers' racing suits and a small grey Einstein), over 0.05 on 22
    of 312 others (a checked jacket with a tie 0.93, a leather jacket 0.66), median 0.002; the one
    cowboy hat 0.46 (its three neighbours <= 0.0003), others up to 0.14 (a bucket hat, a black hat);
    a crash helmet 0.79 on one driver and 0.005 on the other, pith helmets 0.0002-0.008 (first measured
    with a 224-px input; the shipped 260-px reader, on the ten sets with pkg8, reads flatter: suits
    0.24-0.65, other people up to 0.08 but for five jackets 0.25-0.79; the cowboy hat 0.16; every person
    of 124 of the 128 photos under 0.02 for a cowboy hat, and the four photos over it each show someone
    in a hat: a cowboy hat, a straw hat, a bucket hat, a black cap 0.30, while caps also read
    0.001-0.02: a hat is confirmed, never denied).

    classes:      value -> the ImageNet-1k class indices whose probabilities add up to it (515 cowboy
                  hat, 808 sombrero, also for any "hat" or "cap"; 834 suit; 518 crash helmet, 560
                  football helmet).
    ramps:        value -> (floor, full): the fit is 0 up to a summed probability of ``floor`` and 1
                  from ``full`` on, linear between. A suit's floor lies over the other people's
                  readings but for the jackets (0.08-0.09), its full under most suits (0.24). Hats
                  and helmets start at 0: their weak readings on the wearers (a straw hat 0.06, a
                  blue crash helmet 0.035) lie over the others' (up to 0.02) and tell them apart (a
                  floor of 0.03 lost pkg8 "the guy with the hat" and pkg7 --boxes "the one in the
                  blue helmet"). First cut: a softened ``(p / 0.3) ** 0.5`` for every value, which
                  on held-out pkg9 tk_login-bg read a man in a sweater, suit 0.11, as "the man in
                  the suit" (fit 0.59) among eight people who wear none.
    deny:         every person read under this summed probability: nobody wears it (the sentence
                  fits nobody), for the values not in ``confirm_only``.
    confirm_only: values whose absence the classifier does not show (helmets other than a crash
                  helmet read 0.0002-0.008, caps 0.001-0.02): read low on everyone, the word is
                  unjudged.
    min_px:       a box whose short side is under this (photo pixels) is too small to read.
    """

    classes: tuple[tuple[str, tuple[int, ...]], ...] = (
        ("cowboy hat", (515, 808)), ("hat", (515, 808)), ("suit", (834,)), ("helmet", (518, 560)),
    )  # fmt: skip
    ramps: tuple[tuple[str, tuple[float, float]], ...] = (
        ("cowboy hat", (0.0, 0.15)), ("hat", (0.0, 0.15)), ("suit", (0.12, 0.24)), ("helmet", (0.0, 0.1)),
    )  # fmt: skip
    deny: float = 0.02
    confirm_only: frozenset[str] = frozenset({"helmet", "hat"})
    min_px: int = 24

    def fit(self, value: str, p: float) -> float:
        """The fit 0..1 of a summed probability ``p`` of ``value`` (``ramps``)."""
        floor, full = dict(self.ramps)[value]
        return float(min(1.0, max(0.0, (p - floor) / (full - floor))))


WORN_FIT_OPTIONS = WornFitOptions()
