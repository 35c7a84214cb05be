"""Fuzz specs of the losses (`statphys_nb.loss`) and the datasets (`statphys_nb.dataset`, `.gaussian`, `.classification`,
`.sequence`): valid values for the callables whose required arguments the worker cannot guess."""
import numpy as np
from fuzz_worker import F, ARR, _torch

def _logits(): return ARR(5, 3)
def _classes(): return np.array([0.0, 1, 2, 0, 1])
_MULTI = dict(z=F(_logits), y=F(_classes))

def _registry():
    from statphys_nb.dataset import DatasetRegistry, GaussianDataset
    r = DatasetRegistry(); r.register("gaussian", GaussianDataset); return r
def _gaussian_cls():
    from statphys_nb.dataset import GaussianDataset
    return GaussianDataset
def _icl_batch():
    from statphys_nb.dataset import ICLLinearRegressionDataset
    return ICLLinearRegressionDataset(d=8).generate_batch(4)
_PM = lambda: np.array([1.0, -1, 1, -1, 1, -1])
_SEQ = "statphys_nb.dataset.sequence"

OVERRIDES = {
    # losses
    "statphys_nb.loss.get_loss": dict(name="ridge"),
    "statphys_nb.loss.LassoLoss.penalty": dict(w=F(lambda: _torch().randn(8))),
    "statphys_nb.loss.ElasticNetLoss.penalty": dict(w=F(lambda: _torch().randn(8))),
    **{f"statphys_nb.loss.{c}.{m}": _MULTI for c in ("SoftmaxCrossEntropyLoss", "MultiMarginLoss") for m in ("loss", "dloss", "d2loss")},
    # dataset registry: `create` and `get_dataset` forward the dataset's own keywords
    "statphys_nb.dataset.get_dataset": lambda: ((), dict(name="gaussian", d=8)),
    "statphys_nb.dataset.DatasetRegistry.create": lambda: ((), dict(name="gaussian", d=8)),
    "statphys_nb.dataset.DatasetRegistry.register": dict(name="fuzz_gaussian", dataset_class=F(_gaussian_cls)),
    # test helpers and theory functions
    "statphys_nb.dataset.gaussian.assert_within": dict(est=1.0, expected=1.0, se=0.1),
    "statphys_nb.dataset.gaussian.assert_mean": dict(samples=F(lambda: np.random.default_rng(0).standard_normal(400)), expected=0.0),
    "statphys_nb.dataset.gaussian.assert_reproducible": dict(make=F(lambda: (lambda: _gaussian_cls()(d=4)))),
    "statphys_nb.dataset.classification.gmm_bayes_error": dict(signal=1.0),
    "statphys_nb.dataset.classification.TeacherMixtureFairnessDataset.compute_fairness_metrics": dict(predictions=F(_PM), labels=F(_PM), groups=F(lambda: np.array([1.0, 1, -1, -1, 1, -1]))),
    "statphys_nb.dataset.classification.NoisyGMMSelfDistillationDataset.compute_distillation_metrics":
        dict(stage_predictions=F(lambda: [np.array([0.9, 0.2, 0.6, 0.1])]), true_labels=F(lambda: np.array([1.0, 0, 1, 0]))),
    f"{_SEQ}.stationary_distribution": dict(P=F(lambda: np.full((3, 3), 1/3))),
    f"{_SEQ}.ICLLinearRegressionDataset.bayes_prediction": dict(batch=F(_icl_batch)),
    f"{_SEQ}.ICLNonlinearRegressionDataset.teacher_output": dict(x=F(lambda: ARR(2, 3, 8)), W=F(lambda: ARR(2, 5, 8)), a=F(lambda: ARR(2, 5))),
    f"{_SEQ}.TiedLowRankAttentionDataset.attention": dict(x=F(lambda: ARR(2, 10, 8))),
    f"{_SEQ}.AttentionIndexedModelDataset.attention_indices": dict(x=F(lambda: ARR(2, 10, 8))),
}

NOT_INVALID = {
    (f"{_SEQ}.GeneralizedPottsDataset", "temperature"): {"zero"},      # β = 0 is infinite temperature: independent uniform tokens (documented)
    (f"{_SEQ}.TiedLowRankAttentionDataset", "temperature"): {"zero"},  # β = 0 is uniform softmax attention (documented)
}
INSTANCES = {"statphys_nb.dataset.DatasetRegistry": _registry}
SKIP = {
    f"{_SEQ}.SequenceDataset": "abstract base of the sequence datasets (generate_batch raises NotImplementedError); "
                               "its constructor and methods are fuzzed through the nine concrete subclasses",
}
GATED = ["statphys_nb.loss", "statphys_nb.dataset", "statphys_nb.dataset.gaussian", "statphys_nb.dataset.classification",
         "statphys_nb.dataset.sequence"]
