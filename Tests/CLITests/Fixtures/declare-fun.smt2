; A spec that declares its own function (the engine declares the vocabulary).
(set-info :processes 3)
(set-info :crashes 1)
(set-info :rounds 2)

(declare-fun leader () Proc)
(assert (forall ((i Proc)) (=> (correct i) (= (decision i) (input leader)))))
