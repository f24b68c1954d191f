"""Post-OCR correction: a trainable noisy-channel model (error model + language model)."""

from .channel import ChannelModel
from .lm import LanguageModel
from .postprocessor import CorrectedText, Params, PostProcessor

__all__ = ["PostProcessor", "CorrectedText", "Params", "ChannelModel", "LanguageModel"]
