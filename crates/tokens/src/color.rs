//! DTCG 2025.10 colour values and the colour science the compiler needs on
//! top of them: conversion between the 14 colour spaces, gamut mapping for
//! display, WCAG 2.1 contrast and OKLab mixing.
//!
//! The DTCG colour module defers to CSS Color 4 for the meaning of every
//! space, so the conversions here follow that specification (including its
//! extended-range, sign-preserving transfer functions).

use std::fmt;

use serde_json::{Map, Value};

type Vec3 = [f64; 3];
type Mat3 = [[f64; 3]; 3];

/// The colour spaces a DTCG colour value may name in `colorSpace`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColorSpace {
    Srgb,
    SrgbLinear,
    Hsl,
    Hwb,
    Lab,
    Lch,
    Oklab,
    Oklch,
    DisplayP3,
    A98Rgb,
    ProphotoRgb,
    Rec2020,
    XyzD65,
    XyzD50,
}

/// The permitted range of one component, as the DTCG colour module states it.
#[derive(Clone, Copy)]
enum Range {
    Closed(f64, f64),
    /// `[0, 360)`: DTCG asks for the normalised angle rather than any angle.
    Hue,
    NonNegative,
    Finite,
}

impl ColorSpace {
    pub const ALL: [ColorSpace; 14] = [
        ColorSpace::Srgb,
        ColorSpace::SrgbLinear,
        ColorSpace::Hsl,
        ColorSpace::Hwb,
        ColorSpace::Lab,
        ColorSpace::Lch,
        ColorSpace::Oklab,
        ColorSpace::Oklch,
        ColorSpace::DisplayP3,
        ColorSpace::A98Rgb,
        ColorSpace::ProphotoRgb,
        ColorSpace::Rec2020,
        ColorSpace::XyzD65,
        ColorSpace::XyzD50,
    ];

    /// Parses the DTCG `colorSpace` identifier; matching is exact because the
    /// format defines the names in lower case.
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|space| space.name() == s)
    }

    pub fn name(self) -> &'static str {
        match self {
            ColorSpace::Srgb => "srgb",
            ColorSpace::SrgbLinear => "srgb-linear",
            ColorSpace::Hsl => "hsl",
            ColorSpace::Hwb => "hwb",
            ColorSpace::Lab => "lab",
            ColorSpace::Lch => "lch",
            ColorSpace::Oklab => "oklab",
            ColorSpace::Oklch => "oklch",
            ColorSpace::DisplayP3 => "display-p3",
            ColorSpace::A98Rgb => "a98-rgb",
            ColorSpace::ProphotoRgb => "prophoto-rgb",
            ColorSpace::Rec2020 => "rec2020",
            ColorSpace::XyzD65 => "xyz-d65",
            ColorSpace::XyzD50 => "xyz-d50",
        }
    }

    fn component_names(self) -> [&'static str; 3] {
        match self {
            ColorSpace::Hsl => ["hue", "saturation", "lightness"],
            ColorSpace::Hwb => ["hue", "whiteness", "blackness"],
            ColorSpace::Lab | ColorSpace::Oklab => ["lightness", "a", "b"],
            ColorSpace::Lch | ColorSpace::Oklch => ["lightness", "chroma", "hue"],
            ColorSpace::XyzD65 | ColorSpace::XyzD50 => ["x", "y", "z"],
            _ => ["red", "green", "blue"],
        }
    }

    fn ranges(self) -> [Range; 3] {
        use Range::*;
        let percent = Closed(0.0, 100.0);
        match self {
            ColorSpace::Hsl | ColorSpace::Hwb => [Hue, percent, percent],
            ColorSpace::Lab => [percent, Finite, Finite],
            ColorSpace::Lch => [percent, NonNegative, Hue],
            ColorSpace::Oklab => [Closed(0.0, 1.0), Finite, Finite],
            ColorSpace::Oklch => [Closed(0.0, 1.0), NonNegative, Hue],
            ColorSpace::XyzD65 | ColorSpace::XyzD50 => [Finite, Finite, Finite],
            _ => [Closed(0.0, 1.0); 3],
        }
    }
}

impl fmt::Display for ColorSpace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One colour component; DTCG allows the string `"none"` for a missing
/// component (e.g. the hue of a grey).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Component {
    Value(f64),
    None,
}

impl Component {
    /// Conversions treat a missing component as zero, as CSS does.
    fn value(self) -> f64 {
        match self {
            Component::Value(v) => v,
            Component::None => 0.0,
        }
    }
}

/// A DTCG colour value.
#[derive(Clone, Debug, PartialEq)]
pub struct Color {
    pub space: ColorSpace,
    pub components: [Component; 3],
    pub alpha: f64,
    /// The optional `#rrggbb` sRGB fallback carried alongside the value.
    pub hex: Option<String>,
}

// ---------------------------------------------------------------------------
// Matrices. They are derived at compile time from the primaries and white
// points that define each space, rather than typed in, so that every space
// and its inverse are consistent to full double precision.

const fn mul_mv(m: &Mat3, v: Vec3) -> Vec3 {
    [
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    ]
}

const fn mul_mm(a: &Mat3, b: &Mat3) -> Mat3 {
    let mut out = [[0.0; 3]; 3];
    let mut i = 0;
    while i < 3 {
        let mut j = 0;
        while j < 3 {
            out[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
            j += 1;
        }
        i += 1;
    }
    out
}

const fn inverse(m: &Mat3) -> Mat3 {
    let c00 = m[1][1] * m[2][2] - m[1][2] * m[2][1];
    let c01 = m[1][2] * m[2][0] - m[1][0] * m[2][2];
    let c02 = m[1][0] * m[2][1] - m[1][1] * m[2][0];
    let det = m[0][0] * c00 + m[0][1] * c01 + m[0][2] * c02;
    let inv = 1.0 / det;
    [
        [
            c00 * inv,
            (m[0][2] * m[2][1] - m[0][1] * m[2][2]) * inv,
            (m[0][1] * m[1][2] - m[0][2] * m[1][1]) * inv,
        ],
        [
            c01 * inv,
            (m[0][0] * m[2][2] - m[0][2] * m[2][0]) * inv,
            (m[0][2] * m[1][0] - m[0][0] * m[1][2]) * inv,
        ],
        [
            c02 * inv,
            (m[0][1] * m[2][0] - m[0][0] * m[2][1]) * inv,
            (m[0][0] * m[1][1] - m[0][1] * m[1][0]) * inv,
        ],
    ]
}

const fn chromaticity_to_xyz(x: f64, y: f64) -> Vec3 {
    [x / y, 1.0, (1.0 - x - y) / y]
}

// CSS Color 4 defines the white points by these rounded chromaticities; using
// the same rounding keeps our results matching browsers'.
const D65: Vec3 = chromaticity_to_xyz(0.3127, 0.3290);
const D50: Vec3 = chromaticity_to_xyz(0.3457, 0.3585);

/// Linear RGB → XYZ for the given primaries, scaled so RGB white maps to the
/// white point.
const fn rgb_to_xyz_matrix(red: [f64; 2], green: [f64; 2], blue: [f64; 2], white: Vec3) -> Mat3 {
    let r = chromaticity_to_xyz(red[0], red[1]);
    let g = chromaticity_to_xyz(green[0], green[1]);
    let b = chromaticity_to_xyz(blue[0], blue[1]);
    let primaries = [[r[0], g[0], b[0]], [r[1], g[1], b[1]], [r[2], g[2], b[2]]];
    let s = mul_mv(&inverse(&primaries), white);
    [
        [r[0] * s[0], g[0] * s[1], b[0] * s[2]],
        [r[1] * s[0], g[1] * s[1], b[1] * s[2]],
        [r[2] * s[0], g[2] * s[1], b[2] * s[2]],
    ]
}

const BRADFORD: Mat3 = [
    [0.8951, 0.2664, -0.1614],
    [-0.7502, 1.7135, 0.0367],
    [0.0389, -0.0685, 1.0296],
];

/// Bradford chromatic adaptation, the transform CSS Color 4 uses between its
/// D50 and D65 spaces.
const fn bradford(from: Vec3, to: Vec3) -> Mat3 {
    let src = mul_mv(&BRADFORD, from);
    let dst = mul_mv(&BRADFORD, to);
    let scale = [
        [dst[0] / src[0], 0.0, 0.0],
        [0.0, dst[1] / src[1], 0.0],
        [0.0, 0.0, dst[2] / src[2]],
    ];
    mul_mm(&inverse(&BRADFORD), &mul_mm(&scale, &BRADFORD))
}

const D65_TO_D50: Mat3 = bradford(D65, D50);
const D50_TO_D65: Mat3 = bradford(D50, D65);

const SRGB_TO_XYZ: Mat3 = rgb_to_xyz_matrix([0.64, 0.33], [0.30, 0.60], [0.15, 0.06], D65);
const P3_TO_XYZ: Mat3 = rgb_to_xyz_matrix([0.680, 0.320], [0.265, 0.690], [0.150, 0.060], D65);
const A98_TO_XYZ: Mat3 = rgb_to_xyz_matrix([0.64, 0.33], [0.21, 0.71], [0.15, 0.06], D65);
const REC2020_TO_XYZ: Mat3 = rgb_to_xyz_matrix([0.708, 0.292], [0.170, 0.797], [0.131, 0.046], D65);
// ProPhoto is defined relative to D50; folding the adaptation into its matrix
// lets every RGB space share one code path through XYZ-D65.
const PROPHOTO_TO_XYZ: Mat3 = mul_mm(
    &D50_TO_D65,
    &rgb_to_xyz_matrix(
        [0.734699, 0.265301],
        [0.159597, 0.840403],
        [0.036598, 0.000105],
        D50,
    ),
);

// OKLab is defined by its matrices rather than by primaries. These are the
// double-precision refinements CSS Color 4 publishes of Ottosson's originals,
// which make D65 white land exactly on a = b = 0.
const XYZ_TO_LMS: Mat3 = [
    [0.819022437996703, 0.3619062600528904, -0.1288737815209879],
    [0.0329836539323885, 0.9292868615863434, 0.0361446663506424],
    [0.0481771893596242, 0.2642395317527308, 0.6335478284694309],
];
const LMS_TO_OKLAB: Mat3 = [
    [0.210454268309314, 0.7936177747023054, -0.0040720430116193],
    [1.9779985324311684, -2.42859224204858, 0.450593709617411],
    [0.0259040424655478, 0.7827717124575296, -0.8086757549230774],
];
const LMS_TO_XYZ: Mat3 = inverse(&XYZ_TO_LMS);
const OKLAB_TO_LMS: Mat3 = inverse(&LMS_TO_OKLAB);

// CIE Lab constants as exact rationals (CIE 15), which avoid the small
// discontinuity the older decimal approximations have at the knee.
const LAB_KAPPA: f64 = 24389.0 / 27.0;
const LAB_EPSILON: f64 = 216.0 / 24389.0;

#[derive(Clone, Copy)]
enum Transfer {
    Linear,
    Srgb,
    A98,
    ProPhoto,
    /// CSS resolved in 2025 (csswg-drafts #12574) that `rec2020` is
    /// display-referred with a pure 2.4 gamma (BT.1886), not the BT.2020
    /// camera OETF that earlier drafts used.
    Gamma24,
}

impl Transfer {
    /// Encoded → linear. Applied to |c| with the sign restored, as CSS does,
    /// so out-of-gamut negative values survive a round trip.
    fn decode(self, c: f64) -> f64 {
        let a = c.abs();
        let linear = match self {
            Transfer::Linear => a,
            Transfer::Srgb if a <= 0.04045 => a / 12.92,
            Transfer::Srgb => ((a + 0.055) / 1.055).powf(2.4),
            Transfer::A98 => a.powf(563.0 / 256.0),
            Transfer::ProPhoto if a <= 16.0 / 512.0 => a / 16.0,
            Transfer::ProPhoto => a.powf(1.8),
            Transfer::Gamma24 => a.powf(2.4),
        };
        linear.copysign(c)
    }

    fn encode(self, c: f64) -> f64 {
        let a = c.abs();
        let encoded = match self {
            Transfer::Linear => a,
            Transfer::Srgb if a <= 0.0031308 => a * 12.92,
            Transfer::Srgb => 1.055 * a.powf(1.0 / 2.4) - 0.055,
            Transfer::A98 => a.powf(256.0 / 563.0),
            Transfer::ProPhoto if a < 1.0 / 512.0 => a * 16.0,
            Transfer::ProPhoto => a.powf(1.0 / 1.8),
            Transfer::Gamma24 => a.powf(1.0 / 2.4),
        };
        encoded.copysign(c)
    }
}

struct RgbModel {
    to_xyz: Mat3,
    from_xyz: Mat3,
    transfer: Transfer,
}

impl RgbModel {
    const fn new(to_xyz: Mat3, transfer: Transfer) -> Self {
        RgbModel {
            to_xyz,
            from_xyz: inverse(&to_xyz),
            transfer,
        }
    }

    fn rgb_to_xyz65(&self, rgb: Vec3) -> Vec3 {
        mul_mv(&self.to_xyz, rgb.map(|c| self.transfer.decode(c)))
    }

    fn xyz65_to_rgb(&self, xyz: Vec3) -> Vec3 {
        mul_mv(&self.from_xyz, xyz).map(|c| self.transfer.encode(c))
    }
}

const SRGB: RgbModel = RgbModel::new(SRGB_TO_XYZ, Transfer::Srgb);
const SRGB_LINEAR: RgbModel = RgbModel::new(SRGB_TO_XYZ, Transfer::Linear);
const DISPLAY_P3: RgbModel = RgbModel::new(P3_TO_XYZ, Transfer::Srgb);
const A98_RGB: RgbModel = RgbModel::new(A98_TO_XYZ, Transfer::A98);
const PROPHOTO_RGB: RgbModel = RgbModel::new(PROPHOTO_TO_XYZ, Transfer::ProPhoto);
const REC2020: RgbModel = RgbModel::new(REC2020_TO_XYZ, Transfer::Gamma24);

fn rgb_model(space: ColorSpace) -> Option<&'static RgbModel> {
    match space {
        ColorSpace::Srgb => Some(&SRGB),
        ColorSpace::SrgbLinear => Some(&SRGB_LINEAR),
        ColorSpace::DisplayP3 => Some(&DISPLAY_P3),
        ColorSpace::A98Rgb => Some(&A98_RGB),
        ColorSpace::ProphotoRgb => Some(&PROPHOTO_RGB),
        ColorSpace::Rec2020 => Some(&REC2020),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Non-matrix models.

/// Below this chroma a hue is meaningless noise from rounding, so it is
/// reported as 0 to keep greys stable (CSS calls such a hue "powerless").
const OK_ACHROMATIC: f64 = 1e-6;
const LAB_ACHROMATIC: f64 = 1e-4;

fn rect_to_polar(lab: Vec3, achromatic: f64) -> Vec3 {
    let chroma = lab[1].hypot(lab[2]);
    let hue = if chroma < achromatic {
        0.0
    } else {
        lab[2].atan2(lab[1]).to_degrees().rem_euclid(360.0)
    };
    // rem_euclid can return exactly 360.0 for tiny negative angles.
    let hue = if hue >= 360.0 { 0.0 } else { hue };
    [lab[0], chroma, hue]
}

fn polar_to_rect(lch: Vec3) -> Vec3 {
    let (sin, cos) = lch[2].to_radians().sin_cos();
    [lch[0], lch[1] * cos, lch[1] * sin]
}

fn xyz65_to_oklab(xyz: Vec3) -> Vec3 {
    let lms = mul_mv(&XYZ_TO_LMS, xyz).map(f64::cbrt);
    mul_mv(&LMS_TO_OKLAB, lms)
}

fn oklab_to_xyz65(lab: Vec3) -> Vec3 {
    let lms = mul_mv(&OKLAB_TO_LMS, lab).map(|c| c * c * c);
    mul_mv(&LMS_TO_XYZ, lms)
}

fn xyz50_to_lab(xyz: Vec3) -> Vec3 {
    let f = |t: f64| {
        if t > LAB_EPSILON {
            t.cbrt()
        } else {
            (LAB_KAPPA * t + 16.0) / 116.0
        }
    };
    let [fx, fy, fz] = [f(xyz[0] / D50[0]), f(xyz[1] / D50[1]), f(xyz[2] / D50[2])];
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

fn lab_to_xyz50(lab: Vec3) -> Vec3 {
    let fy = (lab[0] + 16.0) / 116.0;
    let fx = lab[1] / 500.0 + fy;
    let fz = fy - lab[2] / 200.0;
    let inv = |f: f64| {
        let cube = f * f * f;
        if cube > LAB_EPSILON {
            cube
        } else {
            (116.0 * f - 16.0) / LAB_KAPPA
        }
    };
    let y = if lab[0] > LAB_KAPPA * LAB_EPSILON {
        fy * fy * fy
    } else {
        lab[0] / LAB_KAPPA
    };
    [inv(fx) * D50[0], y * D50[1], inv(fz) * D50[2]]
}

/// h in degrees, s and l in 0..=1.
fn hsl_to_srgb(h: f64, s: f64, l: f64) -> Vec3 {
    let h = h.rem_euclid(360.0);
    let a = s * l.min(1.0 - l);
    let channel = |n: f64| {
        let k = (n + h / 30.0) % 12.0;
        l - a * (k - 3.0).min(9.0 - k).clamp(-1.0, 1.0)
    };
    [channel(0.0), channel(8.0), channel(4.0)]
}

/// h in degrees, w and b in 0..=1.
fn hwb_to_srgb(h: f64, w: f64, b: f64) -> Vec3 {
    if w + b >= 1.0 {
        let grey = w / (w + b);
        return [grey; 3];
    }
    hsl_to_srgb(h, 1.0, 0.5).map(|c| c * (1.0 - w - b) + w)
}

fn srgb_hue(rgb: Vec3, max: f64, delta: f64) -> f64 {
    if delta == 0.0 {
        return 0.0;
    }
    let [r, g, b] = rgb;
    let sector = if max == r {
        (g - b) / delta + if g < b { 6.0 } else { 0.0 }
    } else if max == g {
        (b - r) / delta + 2.0
    } else {
        (r - g) / delta + 4.0
    };
    sector * 60.0
}

/// Returns h in degrees, s and l in percent (DTCG's units for hsl).
fn srgb_to_hsl(rgb: Vec3) -> Vec3 {
    let max = rgb[0].max(rgb[1]).max(rgb[2]);
    let min = rgb[0].min(rgb[1]).min(rgb[2]);
    let delta = max - min;
    let l = (max + min) / 2.0;
    let mut hue = srgb_hue(rgb, max, delta);
    let mut s = if delta == 0.0 || l <= 0.0 || l >= 1.0 {
        0.0
    } else {
        (max - l) / l.min(1.0 - l)
    };
    // Out-of-gamut input can produce negative saturation; CSS represents the
    // same colour with the opposite hue instead.
    if s < 0.0 {
        hue += 180.0;
        s = -s;
    }
    [normalise_hue(hue), s * 100.0, l * 100.0]
}

fn srgb_to_hwb(rgb: Vec3) -> Vec3 {
    let max = rgb[0].max(rgb[1]).max(rgb[2]);
    let min = rgb[0].min(rgb[1]).min(rgb[2]);
    let hue = srgb_hue(rgb, max, max - min);
    [normalise_hue(hue), min * 100.0, (1.0 - max) * 100.0]
}

fn normalise_hue(h: f64) -> f64 {
    let h = h.rem_euclid(360.0);
    if h >= 360.0 {
        0.0
    } else {
        h
    }
}

fn to_xyz65(space: ColorSpace, v: Vec3) -> Vec3 {
    if let Some(model) = rgb_model(space) {
        return model.rgb_to_xyz65(v);
    }
    match space {
        ColorSpace::Hsl => SRGB.rgb_to_xyz65(hsl_to_srgb(v[0], v[1] / 100.0, v[2] / 100.0)),
        ColorSpace::Hwb => SRGB.rgb_to_xyz65(hwb_to_srgb(v[0], v[1] / 100.0, v[2] / 100.0)),
        ColorSpace::Lab => mul_mv(&D50_TO_D65, lab_to_xyz50(v)),
        ColorSpace::Lch => mul_mv(&D50_TO_D65, lab_to_xyz50(polar_to_rect(v))),
        ColorSpace::Oklab => oklab_to_xyz65(v),
        ColorSpace::Oklch => oklab_to_xyz65(polar_to_rect(v)),
        ColorSpace::XyzD65 => v,
        ColorSpace::XyzD50 => mul_mv(&D50_TO_D65, v),
        _ => unreachable!("RGB spaces are handled by their model"),
    }
}

fn from_xyz65(space: ColorSpace, xyz: Vec3) -> Vec3 {
    if let Some(model) = rgb_model(space) {
        return model.xyz65_to_rgb(xyz);
    }
    match space {
        ColorSpace::Hsl => srgb_to_hsl(SRGB.xyz65_to_rgb(xyz)),
        ColorSpace::Hwb => srgb_to_hwb(SRGB.xyz65_to_rgb(xyz)),
        ColorSpace::Lab => xyz50_to_lab(mul_mv(&D65_TO_D50, xyz)),
        ColorSpace::Lch => rect_to_polar(xyz50_to_lab(mul_mv(&D65_TO_D50, xyz)), LAB_ACHROMATIC),
        ColorSpace::Oklab => xyz65_to_oklab(xyz),
        ColorSpace::Oklch => rect_to_polar(xyz65_to_oklab(xyz), OK_ACHROMATIC),
        ColorSpace::XyzD65 => xyz,
        ColorSpace::XyzD50 => mul_mv(&D65_TO_D50, xyz),
        _ => unreachable!("RGB spaces are handled by their model"),
    }
}

// ---------------------------------------------------------------------------
// Gamut mapping (CSS Color 4 §13.2): reduce OKLCh chroma at constant
// lightness and hue until clipping the result is imperceptible, so that an
// out-of-gamut brand colour keeps its hue instead of skewing like a naive clip.

/// A difference in OKLab below which two colours look the same.
const JUST_NOTICEABLE: f64 = 0.02;
const CHROMA_PRECISION: f64 = 1e-4;
/// Conversions through XYZ carry ~1e-15 of error; without slack, colours that
/// are exactly on the gamut boundary (e.g. #ff0000) would be "mapped".
const GAMUT_SLACK: f64 = 1e-7;

fn in_srgb_gamut(rgb: Vec3) -> bool {
    rgb.iter()
        .all(|&c| (-GAMUT_SLACK..=1.0 + GAMUT_SLACK).contains(&c))
}

fn clip(rgb: Vec3) -> Vec3 {
    rgb.map(|c| if c.is_nan() { 0.0 } else { c.clamp(0.0, 1.0) })
}

fn oklch_to_srgb(lch: Vec3) -> Vec3 {
    SRGB.xyz65_to_rgb(oklab_to_xyz65(polar_to_rect(lch)))
}

fn delta_e_ok(a: Vec3, b: Vec3) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// The perceptual error of clipping `rgb`, the sRGB form of `oklch`.
fn clip_error(oklch: Vec3, rgb: Vec3) -> f64 {
    let clipped = xyz65_to_oklab(SRGB.rgb_to_xyz65(clip(rgb)));
    delta_e_ok(clipped, polar_to_rect(oklch))
}

fn gamut_map_srgb([l, c, h]: Vec3) -> Vec3 {
    // Beyond the lightness range there is no chroma left to trade; CSS maps
    // these straight to the white or black point.
    if l >= 1.0 {
        return [1.0; 3];
    }
    if l <= 0.0 {
        return [0.0; 3];
    }
    let origin = oklch_to_srgb([l, c, h]);
    if in_srgb_gamut(origin) || clip_error([l, c, h], origin) < JUST_NOTICEABLE {
        return clip(origin);
    }
    let (mut lo, mut hi) = (0.0, c);
    let mut lo_in_gamut = true;
    while hi - lo > CHROMA_PRECISION {
        let mid = (lo + hi) / 2.0;
        let rgb = oklch_to_srgb([l, mid, h]);
        if lo_in_gamut && in_srgb_gamut(rgb) {
            lo = mid;
            continue;
        }
        let error = clip_error([l, mid, h], rgb);
        if error < JUST_NOTICEABLE {
            if JUST_NOTICEABLE - error < CHROMA_PRECISION {
                return clip(rgb);
            }
            // Once clipping is acceptable we search for the largest chroma
            // whose clip still is, which is closer to the intended colour
            // than the largest chroma strictly in gamut.
            lo_in_gamut = false;
            lo = mid;
        } else {
            hi = mid;
        }
    }
    clip(oklch_to_srgb([l, lo, h]))
}

// ---------------------------------------------------------------------------
// Formatting.

/// Shortest decimal with at most five places: enough for 8-bit-exact sRGB and
/// for any perceptible difference in OKLCh, without float noise in output.
fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let mut s = format!("{x:.5}");
    if s.contains('.') {
        let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(trimmed);
    }
    if s == "-0" {
        s = "0".to_owned();
    }
    s
}

fn fmt_component(c: Component, suffix: &str) -> String {
    match c {
        Component::Value(v) => format!("{}{suffix}", fmt_num(v)),
        Component::None => "none".to_owned(),
    }
}

fn byte(c: f64) -> u8 {
    // Float-to-int `as` saturates (and maps NaN to 0), which is the clamp we want.
    (c * 255.0).round() as u8
}

fn hex_of(rgb: Vec3) -> String {
    let [r, g, b] = rgb.map(byte);
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn parse_hex_digits(digits: &str) -> Option<Vec<u8>> {
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let nibble = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    match digits.len() {
        3 | 4 => digits.bytes().map(|b| nibble(b).map(|n| n * 17)).collect(),
        6 | 8 => digits
            .as_bytes()
            .chunks(2)
            .map(|pair| Some(nibble(pair[0])? * 16 + nibble(pair[1])?))
            .collect(),
        _ => None,
    }
}

fn is_dtcg_hex(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

impl Color {
    /// An opaque sRGB colour with gamma-encoded components in 0..=1.
    pub fn srgb(r: f64, g: f64, b: f64) -> Color {
        Color {
            space: ColorSpace::Srgb,
            components: [
                Component::Value(r),
                Component::Value(g),
                Component::Value(b),
            ],
            alpha: 1.0,
            hex: None,
        }
    }

    /// An OKLCh colour; the hue is normalised into `[0, 360)` so the result
    /// always validates.
    pub fn from_oklch(l: f64, c: f64, h: f64) -> Color {
        Color {
            space: ColorSpace::Oklch,
            components: [
                Component::Value(l),
                Component::Value(c),
                Component::Value(normalise_hue(h)),
            ],
            alpha: 1.0,
            hex: None,
        }
    }

    /// Parses CSS-style hex (`#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`), the form
    /// operators write brand colours in. Opaque results carry the normalised
    /// `#rrggbb` as their DTCG `hex` fallback.
    pub fn from_hex(s: &str) -> Option<Color> {
        let bytes = parse_hex_digits(s.strip_prefix('#')?)?;
        let unit = |b: u8| f64::from(b) / 255.0;
        let mut color = Color::srgb(unit(bytes[0]), unit(bytes[1]), unit(bytes[2]));
        color.alpha = bytes.get(3).map_or(1.0, |&a| unit(a));
        if color.alpha == 1.0 {
            color.hex = Some(format!("#{:02x}{:02x}{:02x}", bytes[0], bytes[1], bytes[2]));
        }
        Some(color)
    }

    /// Parses the DTCG object form. Checks structure only; call
    /// [`Color::validate`] for component ranges.
    pub fn from_dtcg_json(value: &Value) -> Result<Color, String> {
        let obj = value
            .as_object()
            .ok_or("a colour value must be an object with `colorSpace` and `components`")?;
        let space_name = obj
            .get("colorSpace")
            .ok_or("missing `colorSpace`")?
            .as_str()
            .ok_or("`colorSpace` must be a string")?;
        let space = ColorSpace::from_name(space_name).ok_or_else(|| {
            let known: Vec<_> = ColorSpace::ALL.iter().map(|s| s.name()).collect();
            format!(
                "unknown colorSpace `{space_name}` (expected one of {})",
                known.join(", ")
            )
        })?;
        let list = obj
            .get("components")
            .ok_or("missing `components`")?
            .as_array()
            .ok_or("`components` must be an array")?;
        if list.len() != 3 {
            return Err(format!(
                "`components` must have 3 entries for {space}, found {}",
                list.len()
            ));
        }
        let mut components = [Component::None; 3];
        for (i, (slot, item)) in components.iter_mut().zip(list).enumerate() {
            *slot = match item {
                Value::String(s) if s == "none" => Component::None,
                Value::Number(n) => Component::Value(n.as_f64().unwrap_or(f64::NAN)),
                _ => {
                    return Err(format!(
                        "component {} must be a number or \"none\", found {item}",
                        i + 1
                    ))
                }
            };
        }
        let alpha = match obj.get("alpha") {
            None => 1.0,
            Some(a) => a.as_f64().ok_or("`alpha` must be a number")?,
        };
        let hex = match obj.get("hex") {
            None => None,
            Some(h) => Some(h.as_str().ok_or("`hex` must be a string")?.to_owned()),
        };
        Ok(Color {
            space,
            components,
            alpha,
            hex,
        })
    }

    /// Checks component ranges for the space, alpha in 0..=1 and the `hex`
    /// fallback's syntax. All violations are reported, joined by "; ".
    pub fn validate(&self) -> Result<(), String> {
        let mut problems = Vec::new();
        let names = self.space.component_names();
        for (i, (component, range)) in self.components.iter().zip(self.space.ranges()).enumerate() {
            let Component::Value(v) = *component else {
                continue;
            };
            let label = format!("component {} ({})", i + 1, names[i]);
            let space = self.space;
            if !v.is_finite() {
                problems.push(format!("{label} is not a finite number"));
                continue;
            }
            match range {
                Range::Closed(lo, hi) if !(lo..=hi).contains(&v) => {
                    problems.push(format!("{label} is {v}, outside {lo}–{hi} for {space}"));
                }
                Range::Hue if !(0.0..360.0).contains(&v) => {
                    problems.push(format!(
                        "{label} is {v}, outside 0–360 (360 excluded) for {space}"
                    ));
                }
                Range::NonNegative if v < 0.0 => {
                    problems.push(format!("{label} is {v}, below 0 for {space}"));
                }
                _ => {}
            }
        }
        if !(0.0..=1.0).contains(&self.alpha) {
            problems.push(format!("alpha is {}, outside 0–1", self.alpha));
        }
        if let Some(hex) = &self.hex {
            if !is_dtcg_hex(hex) {
                problems.push(format!("hex `{hex}` is not of the form #rrggbb"));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("; "))
        }
    }

    fn values(&self) -> Vec3 {
        self.components.map(Component::value)
    }

    pub fn to_xyz_d65(&self) -> [f64; 3] {
        to_xyz65(self.space, self.values())
    }

    /// Gamma-encoded sRGB; values outside 0..=1 mean the colour is out of
    /// the sRGB gamut.
    pub fn to_srgb(&self) -> [f64; 3] {
        let v = self.values();
        match self.space {
            // Direct paths keep sRGB-family inputs bit-exact.
            ColorSpace::Srgb => v,
            ColorSpace::Hsl => hsl_to_srgb(v[0], v[1] / 100.0, v[2] / 100.0),
            ColorSpace::Hwb => hwb_to_srgb(v[0], v[1] / 100.0, v[2] / 100.0),
            space => SRGB.xyz65_to_rgb(to_xyz65(space, v)),
        }
    }

    /// sRGB in 0..=1 for display, gamut-mapped by OKLCh chroma reduction.
    pub fn to_srgb_clamped(&self) -> [f64; 3] {
        let rgb = self.to_srgb();
        if in_srgb_gamut(rgb) {
            return clip(rgb);
        }
        gamut_map_srgb(self.to_oklch())
    }

    /// True when sRGB can show the colour as it is, with no gamut mapping.
    pub fn in_srgb_gamut(&self) -> bool {
        in_srgb_gamut(self.to_srgb())
    }

    /// `#rrggbb` of the display colour (alpha ignored).
    pub fn to_hex(&self) -> String {
        hex_of(self.to_srgb_clamped())
    }

    pub fn to_oklab(&self) -> [f64; 3] {
        match self.space {
            ColorSpace::Oklab => self.values(),
            _ => xyz65_to_oklab(self.to_xyz_d65()),
        }
    }

    pub fn to_oklch(&self) -> [f64; 3] {
        match self.space {
            ColorSpace::Oklch => {
                let [l, c, h] = self.values();
                [l, c, normalise_hue(h)]
            }
            _ => rect_to_polar(self.to_oklab(), OK_ACHROMATIC),
        }
    }

    /// The same colour expressed in another space (alpha and `hex` kept).
    /// Out-of-gamut results are not mapped; use [`Color::to_srgb_clamped`]
    /// for display.
    pub fn to_space(&self, space: ColorSpace) -> Color {
        if space == self.space {
            return self.clone();
        }
        let values = match space {
            ColorSpace::Srgb => self.to_srgb(),
            ColorSpace::Hsl => srgb_to_hsl(self.to_srgb()),
            ColorSpace::Hwb => srgb_to_hwb(self.to_srgb()),
            _ => from_xyz65(space, self.to_xyz_d65()),
        };
        Color {
            space,
            components: values.map(Component::Value),
            alpha: self.alpha,
            hex: self.hex.clone(),
        }
    }

    /// Relative luminance per WCAG 2.1 of the display (clamped) sRGB colour.
    ///
    /// WCAG 2.1 quotes a linearisation threshold of 0.03928 where sRGB uses
    /// 0.04045; no 8-bit value lies between them, so the standard sRGB curve
    /// gives identical results.
    pub fn relative_luminance(&self) -> f64 {
        let [r, g, b] = self.to_srgb_clamped().map(|c| Transfer::Srgb.decode(c));
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// Composites `self` (with its alpha) over `background`, which is treated
    /// as opaque. Blending happens on gamma-encoded sRGB because that is what
    /// browsers do, and the result is what contrast must be judged on.
    pub fn over(&self, background: &Color) -> Color {
        let a = if self.alpha.is_nan() {
            1.0
        } else {
            self.alpha.clamp(0.0, 1.0)
        };
        let fg = self.to_srgb_clamped();
        let bg = background.to_srgb_clamped();
        let [r, g, b] = [0, 1, 2].map(|i| fg[i] * a + bg[i] * (1.0 - a));
        Color::srgb(r, g, b)
    }

    /// CSS Color 4 syntax native to the colour's space, so no precision or
    /// gamut is lost in the generated stylesheet.
    pub fn to_css(&self) -> String {
        let alpha = if self.alpha == 1.0 {
            String::new()
        } else {
            format!(" / {}", fmt_num(self.alpha))
        };
        let [c1, c2, c3] = self.components;
        let plain = |c| fmt_component(c, "");
        let percent = |c| fmt_component(c, "%");
        match self.space {
            ColorSpace::Srgb => {
                let hexable = self
                    .components
                    .iter()
                    .all(|c| matches!(c, Component::Value(v) if (0.0..=1.0).contains(v)));
                if hexable && alpha.is_empty() {
                    hex_of(self.values())
                } else {
                    let byte = |c: Component| match c {
                        Component::Value(v) => fmt_num((v * 255.0).round()),
                        Component::None => "none".to_owned(),
                    };
                    format!("rgb({} {} {}{alpha})", byte(c1), byte(c2), byte(c3))
                }
            }
            ColorSpace::Hsl => format!("hsl({} {} {}{alpha})", plain(c1), percent(c2), percent(c3)),
            ColorSpace::Hwb => format!("hwb({} {} {}{alpha})", plain(c1), percent(c2), percent(c3)),
            ColorSpace::Lab | ColorSpace::Lch | ColorSpace::Oklab | ColorSpace::Oklch => format!(
                "{}({} {} {}{alpha})",
                self.space.name(),
                plain(c1),
                plain(c2),
                plain(c3)
            ),
            space => format!(
                "color({} {} {} {}{alpha})",
                space.name(),
                plain(c1),
                plain(c2),
                plain(c3)
            ),
        }
    }

    /// The DTCG object form: `alpha` only when not 1, `hex` only when set.
    pub fn to_dtcg_json(&self) -> Value {
        let mut obj = Map::new();
        obj.insert("colorSpace".into(), Value::from(self.space.name()));
        let components = self
            .components
            .iter()
            .map(|c| match c {
                Component::Value(v) => Value::from(*v),
                Component::None => Value::from("none"),
            })
            .collect();
        obj.insert("components".into(), Value::Array(components));
        if self.alpha != 1.0 {
            obj.insert("alpha".into(), Value::from(self.alpha));
        }
        if let Some(hex) = &self.hex {
            obj.insert("hex".into(), Value::from(hex.as_str()));
        }
        Value::Object(obj)
    }
}

/// WCAG 2.1 contrast ratio (1..=21). A translucent `fg` is composited over
/// `bg` first, since that is the colour the reader actually sees; `bg` is
/// taken as opaque.
pub fn contrast_ratio(fg: &Color, bg: &Color) -> f64 {
    let seen = if fg.alpha < 1.0 {
        fg.over(bg).relative_luminance()
    } else {
        fg.relative_luminance()
    };
    let ground = bg.relative_luminance();
    let (light, dark) = if seen > ground {
        (seen, ground)
    } else {
        (ground, seen)
    };
    (light + 0.05) / (dark + 0.05)
}

/// Interpolates in OKLab between `a` and `b` (t = 0 gives `a`), returning a
/// displayable sRGB colour. Alpha is interpolated premultiplied, as CSS
/// `color-mix()` does, so a transparent end does not drag the hue.
pub fn mix_oklab(a: &Color, b: &Color, t: f64) -> Color {
    let (la, lb) = (a.to_oklab(), b.to_oklab());
    let (aa, ab) = (a.alpha, b.alpha);
    let alpha = aa + (ab - aa) * t;
    let lab = [0, 1, 2].map(|i| {
        let premultiplied = la[i] * aa + (lb[i] * ab - la[i] * aa) * t;
        if alpha > 0.0 {
            premultiplied / alpha
        } else {
            la[i] + (lb[i] - la[i]) * t
        }
    });
    let mixed = Color {
        space: ColorSpace::Oklab,
        components: lab.map(Component::Value),
        alpha: 1.0,
        hex: None,
    };
    let [r, g, b] = mixed.to_srgb_clamped();
    let mut out = Color::srgb(r, g, b);
    out.alpha = alpha;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
        (actual - expected).abs() <= tolerance
    }

    #[track_caller]
    fn assert_close3(actual: Vec3, expected: Vec3, tolerance: f64) {
        for i in 0..3 {
            assert!(
                close(actual[i], expected[i], tolerance),
                "component {i}: {actual:?} vs {expected:?} (tolerance {tolerance})"
            );
        }
    }

    fn hex(s: &str) -> Color {
        Color::from_hex(s).unwrap()
    }

    fn color(space: ColorSpace, v: Vec3) -> Color {
        Color {
            space,
            components: v.map(Component::Value),
            alpha: 1.0,
            hex: None,
        }
    }

    #[test]
    fn names_round_trip() {
        for space in ColorSpace::ALL {
            assert_eq!(ColorSpace::from_name(space.name()), Some(space));
        }
        assert_eq!(
            ColorSpace::from_name("display-p3"),
            Some(ColorSpace::DisplayP3)
        );
        assert_eq!(ColorSpace::from_name("sRGB"), None);
        assert_eq!(ColorSpace::from_name("rgb"), None);
    }

    #[test]
    fn derived_matrices_match_css_color_4() {
        // First rows of the matrices published in CSS Color 4 §18.
        assert_close3(
            SRGB_TO_XYZ[0],
            [0.41239079926595934, 0.357584339383878, 0.1804807884018343],
            1e-12,
        );
        assert_close3(
            SRGB_TO_XYZ[1],
            [0.21263900587151027, 0.715168678767756, 0.07219231536073371],
            1e-12,
        );
        assert_close3(
            P3_TO_XYZ[0],
            [0.4865709486482162, 0.26566769316909306, 0.1982172852343625],
            1e-12,
        );
        assert_close3(
            REC2020_TO_XYZ[0],
            [0.6369580483012914, 0.14461690358620832, 0.1688809751641721],
            1e-12,
        );
        assert_close3(
            D65_TO_D50[0],
            [
                1.0479297925449969,
                0.022946870601609652,
                -0.05019226628920524,
            ],
            1e-6,
        );
        // Adapting there and back is the identity.
        assert_close3(mul_mv(&D50_TO_D65, mul_mv(&D65_TO_D50, D65)), D65, 1e-12);
        assert_close3(mul_mv(&D65_TO_D50, D65), D50, 1e-12);
    }

    #[test]
    fn white_is_white_everywhere() {
        let white = Color::srgb(1.0, 1.0, 1.0);
        assert_close3(white.to_xyz_d65(), D65, 1e-12);
        assert_close3(white.to_oklab(), [1.0, 0.0, 0.0], 1e-7);
        assert_close3(
            white.to_space(ColorSpace::Lab).values(),
            [100.0, 0.0, 0.0],
            1e-6,
        );
        assert_close3(white.to_space(ColorSpace::XyzD50).values(), D50, 1e-12);
        for space in [
            ColorSpace::DisplayP3,
            ColorSpace::A98Rgb,
            ColorSpace::ProphotoRgb,
            ColorSpace::Rec2020,
            ColorSpace::SrgbLinear,
        ] {
            assert_close3(white.to_space(space).values(), [1.0; 3], 1e-9);
        }
    }

    #[test]
    fn srgb_red_reference_values() {
        let red = hex("#ff0000");
        let oklch = red.to_oklch();
        assert_close3(oklch, [0.627955, 0.257683, 29.2339], 1e-4);
        let lab = red.to_space(ColorSpace::Lab).values();
        assert_close3(lab, [54.2905, 80.8049, 69.891], 0.01);
        let lch = red.to_space(ColorSpace::Lch).values();
        assert_close3(lch, [54.2905, 106.8372, 40.8524], 0.01);
        let p3 = red.to_space(ColorSpace::DisplayP3).values();
        assert_close3(p3, [0.9175, 0.2003, 0.1386], 1e-4);
        // Rec. 2020 linear light of sRGB red is the first column of the
        // BT.2087 conversion matrix.
        let rec2020 = red.to_space(ColorSpace::Rec2020).values();
        assert_close3(rec2020.map(|c| c.powf(2.4)), [0.6274, 0.0691, 0.0164], 1e-4);
        let xyz = red.to_xyz_d65();
        assert_close3(xyz, [0.412391, 0.212639, 0.019331], 1e-6);
    }

    #[test]
    fn oklch_red_is_srgb_red() {
        let c = Color::from_oklch(0.628, 0.2577, 29.23);
        assert_close3(c.to_srgb(), [1.0, 0.0, 0.0], 2e-3);
        assert_eq!(c.to_hex(), "#ff0000");
    }

    #[test]
    fn opendesk_primary_in_oklch() {
        let [l, c, h] = hex("#571efa").to_oklch();
        assert!((0.49..0.52).contains(&l), "L = {l}");
        assert!(close(c, 0.2821, 1e-3), "C = {c}");
        assert!(close(h, 280.49, 0.05), "h = {h}");
    }

    #[test]
    fn cylindrical_srgb_forms() {
        let green = color(ColorSpace::Hsl, [120.0, 100.0, 25.0]);
        assert_close3(green.to_srgb(), [0.0, 0.5, 0.0], 1e-12);
        let hwb = color(ColorSpace::Hwb, [0.0, 20.0, 30.0]);
        assert_close3(hwb.to_srgb(), [0.7, 0.2, 0.2], 1e-12);
        let grey = color(ColorSpace::Hwb, [200.0, 60.0, 60.0]);
        assert_close3(grey.to_srgb(), [0.5; 3], 1e-12);
        let hsl = hex("#571efa").to_space(ColorSpace::Hsl).values();
        // h = 60 * (4 + (r - g) / (max - min)), s = (max - l) / min(l, 1 - l).
        assert_close3(hsl, [255.54545, 95.65217, 54.90196], 1e-5);
    }

    #[test]
    fn every_space_round_trips() {
        let samples = [
            hex("#571efa"),
            hex("#e7dffa"),
            hex("#767676"),
            hex("#00ff7f"),
            Color::srgb(0.2, 0.9, 0.02),
        ];
        for sample in &samples {
            for space in ColorSpace::ALL {
                let there = sample.to_space(space);
                let back = there.to_space(ColorSpace::Srgb);
                assert_close3(back.values(), sample.values(), 1e-9);
                assert!(there.validate().is_ok(), "{space}: {:?}", there.validate());
            }
        }
        // An out-of-sRGB colour survives too, negative components included.
        let p3_green = color(ColorSpace::DisplayP3, [0.0, 1.0, 0.0]);
        let srgb = p3_green.to_space(ColorSpace::Srgb);
        assert!(srgb.values()[0] < 0.0);
        assert_close3(
            srgb.to_space(ColorSpace::DisplayP3).values(),
            [0.0, 1.0, 0.0],
            1e-9,
        );
    }

    #[test]
    fn none_components_count_as_zero() {
        let grey = Color {
            space: ColorSpace::Oklch,
            components: [
                Component::Value(0.5),
                Component::Value(0.0),
                Component::None,
            ],
            alpha: 1.0,
            hex: None,
        };
        let [r, g, b] = grey.to_srgb();
        assert!(close(r, g, 1e-9) && close(g, b, 1e-9));
        assert_eq!(grey.to_css(), "oklch(0.5 0 none)");
    }

    #[test]
    fn gamut_mapping_keeps_lightness_and_hue() {
        let vivid = Color::from_oklch(0.8, 0.35, 145.0);
        assert!(!in_srgb_gamut(vivid.to_srgb()));
        let mapped = vivid.to_srgb_clamped();
        assert!(mapped.iter().all(|c| (0.0..=1.0).contains(c)));
        let [l, c, h] = Color::srgb(mapped[0], mapped[1], mapped[2]).to_oklch();
        assert!(close(l, 0.8, 0.02), "L = {l}");
        assert!(close(h, 145.0, 3.0), "h = {h}");
        assert!(c < 0.35 && c > 0.15, "C = {c}");
        // Naive clipping skews hue; chroma reduction holds it.
        let vivid_blue = Color::from_oklch(0.55, 0.4, 250.0);
        let hue_of = |rgb: Vec3| Color::srgb(rgb[0], rgb[1], rgb[2]).to_oklch()[2];
        let target = vivid_blue.to_oklch()[2];
        let naive = (hue_of(clip(vivid_blue.to_srgb())) - target).abs();
        let mapped = (hue_of(vivid_blue.to_srgb_clamped()) - target).abs();
        // The spec tolerates a just-noticeable clip at the final chroma, which
        // at this low in-gamut chroma is a few degrees; clipping alone is ~14.
        assert!(
            mapped < 6.0 && naive > 10.0,
            "mapped {mapped}, naive {naive}"
        );
        // Lightness beyond the range goes to the white and black points.
        assert_eq!(Color::from_oklch(1.2, 0.1, 30.0).to_hex(), "#ffffff");
        assert_eq!(Color::from_oklch(-0.1, 0.1, 30.0).to_hex(), "#000000");
        // In-gamut colours are untouched.
        assert_eq!(hex("#571efa").to_hex(), "#571efa");
    }

    #[test]
    fn wcag_contrast() {
        let black = hex("#000");
        let white = hex("#fff");
        assert!(close(contrast_ratio(&black, &white), 21.0, 1e-9));
        assert!(close(contrast_ratio(&white, &black), 21.0, 1e-9));
        assert!(close(contrast_ratio(&white, &white), 1.0, 1e-12));
        assert!(close(contrast_ratio(&hex("#767676"), &white), 4.54, 0.005));
        assert!(close(contrast_ratio(&hex("#777777"), &white), 4.48, 0.005));
        assert!(close(white.relative_luminance(), 1.0, 1e-12));
        assert!(close(hex("#808080").relative_luminance(), 0.21586, 1e-5));
        // 50 % black over white is seen as #808080.
        let half = hex("#00000080");
        assert_eq!(half.over(&white).to_hex(), "#7f7f7f");
        assert!(close(contrast_ratio(&half, &white), 4.0, 0.01));
    }

    #[test]
    fn oklab_mixing() {
        let white = hex("#ffffff");
        let primary = hex("#571efa");
        assert_eq!(mix_oklab(&white, &primary, 0.0).to_hex(), "#ffffff");
        assert_eq!(mix_oklab(&white, &primary, 1.0).to_hex(), "#571efa");
        let tint = mix_oklab(&white, &primary, 0.15);
        let [l, _, h] = tint.to_oklch();
        let [pl, _, ph] = primary.to_oklch();
        // The OKLab midpoint is slightly outside sRGB here, so mapping may
        // move it by up to a just-noticeable difference.
        assert!(close(l, 1.0 + (pl - 1.0) * 0.15, 0.005), "L = {l}");
        assert_eq!(tint.to_hex(), "#e0e4ff");
        assert!(close(h, ph, 1.0), "hue drifted to {h}");
        // Midway between black and white in OKLab is L = 0.5, not #808080.
        let mid = mix_oklab(&hex("#000"), &white, 0.5);
        assert!(close(mid.to_oklch()[0], 0.5, 1e-9));
        assert_eq!(mid.to_hex(), "#636363");
    }

    #[test]
    fn hex_parsing() {
        let c = hex("#571EFA");
        assert_eq!(c.hex.as_deref(), Some("#571efa"));
        assert_close3(
            c.values(),
            [87.0 / 255.0, 30.0 / 255.0, 250.0 / 255.0],
            1e-12,
        );
        assert_eq!(hex("#abc").hex.as_deref(), Some("#aabbcc"));
        let translucent = hex("#571efa80");
        assert!(close(translucent.alpha, 128.0 / 255.0, 1e-12));
        assert_eq!(translucent.hex, None);
        assert_eq!(hex("#571efaff").hex.as_deref(), Some("#571efa"));
        for bad in ["571efa", "#571ef", "#571efg", "#", "", "#571efa0", "#ééé"] {
            assert_eq!(Color::from_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn validation_messages() {
        let hsl = color(ColorSpace::Hsl, [200.0, 140.0, 50.0]);
        assert_eq!(
            hsl.validate().unwrap_err(),
            "component 2 (saturation) is 140, outside 0–100 for hsl"
        );
        let hue = color(ColorSpace::Oklch, [0.5, 0.1, 360.0]);
        assert!(hue
            .validate()
            .unwrap_err()
            .contains("component 3 (hue) is 360"));
        let chroma = color(ColorSpace::Lch, [50.0, -1.0, 10.0]);
        assert_eq!(
            chroma.validate().unwrap_err(),
            "component 2 (chroma) is -1, below 0 for lch"
        );
        let oklab = color(ColorSpace::Oklab, [50.0, 0.0, 0.0]);
        assert!(oklab
            .validate()
            .unwrap_err()
            .contains("outside 0–1 for oklab"));
        let mut rgb = color(ColorSpace::DisplayP3, [1.2, 0.5, f64::NAN]);
        rgb.alpha = 2.0;
        rgb.hex = Some("#fff".into());
        let message = rgb.validate().unwrap_err();
        assert!(message.contains("component 1 (red) is 1.2, outside 0–1 for display-p3"));
        assert!(message.contains("component 3 (blue) is not a finite number"));
        assert!(message.contains("alpha is 2, outside 0–1"));
        assert!(message.contains("hex `#fff` is not of the form #rrggbb"));
        assert!(color(ColorSpace::Lab, [50.0, -160.0, 200.0])
            .validate()
            .is_ok());
        assert!(color(ColorSpace::XyzD50, [2.0, -1.0, 0.0])
            .validate()
            .is_ok());
    }

    #[test]
    fn css_serialisation() {
        assert_eq!(hex("#571EFA").to_css(), "#571efa");
        assert_eq!(hex("#571efa80").to_css(), "rgb(87 30 250 / 0.50196)");
        assert_eq!(
            color(ColorSpace::Hsl, [255.0, 95.5, 54.0]).to_css(),
            "hsl(255 95.5% 54%)"
        );
        assert_eq!(
            color(ColorSpace::Hwb, [0.0, 20.0, 30.0]).to_css(),
            "hwb(0 20% 30%)"
        );
        assert_eq!(
            Color::from_oklch(0.628, 0.2577, 29.23).to_css(),
            "oklch(0.628 0.2577 29.23)"
        );
        assert_eq!(
            color(ColorSpace::Lab, [54.29, 80.8049, -0.0000001]).to_css(),
            "lab(54.29 80.8049 0)"
        );
        let mut p3 = color(ColorSpace::DisplayP3, [1.0, 0.0, 0.333333333]);
        p3.alpha = 0.25;
        assert_eq!(p3.to_css(), "color(display-p3 1 0 0.33333 / 0.25)");
        assert_eq!(
            color(ColorSpace::XyzD50, [0.1, 0.2, 0.3]).to_css(),
            "color(xyz-d50 0.1 0.2 0.3)"
        );
        assert_eq!(
            color(ColorSpace::SrgbLinear, [0.5, 0.5, 0.5]).to_css(),
            "color(srgb-linear 0.5 0.5 0.5)"
        );
        assert_eq!(
            color(ColorSpace::Rec2020, [0.5, 0.5, 0.5]).to_css(),
            "color(rec2020 0.5 0.5 0.5)"
        );
        assert_eq!(fmt_num(-0.000001), "0");
        assert_eq!(fmt_num(12.5), "12.5");
        assert_eq!(fmt_num(100.0), "100");
    }

    #[test]
    fn dtcg_json_round_trip() {
        let mut c = Color {
            space: ColorSpace::Oklch,
            components: [
                Component::Value(0.5),
                Component::Value(0.0),
                Component::None,
            ],
            alpha: 0.5,
            hex: Some("#636363".into()),
        };
        let json = c.to_dtcg_json();
        assert_eq!(
            json,
            serde_json::json!({
                "colorSpace": "oklch",
                "components": [0.5, 0.0, "none"],
                "alpha": 0.5,
                "hex": "#636363"
            })
        );
        assert_eq!(Color::from_dtcg_json(&json).unwrap(), c);
        c.alpha = 1.0;
        c.hex = None;
        let json = c.to_dtcg_json();
        assert!(json.get("alpha").is_none() && json.get("hex").is_none());
        assert_eq!(Color::from_dtcg_json(&json).unwrap(), c);

        let bad = serde_json::json!({"colorSpace": "rgb", "components": [1, 0, 0]});
        assert!(Color::from_dtcg_json(&bad)
            .unwrap_err()
            .contains("unknown colorSpace `rgb`"));
        let short = serde_json::json!({"colorSpace": "srgb", "components": [1, 0]});
        assert!(Color::from_dtcg_json(&short)
            .unwrap_err()
            .contains("3 entries"));
    }
}
