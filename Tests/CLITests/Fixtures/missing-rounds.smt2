; A spec that never says how many rounds there are.
(set-info :processes 3)
(set-info :crashes 1)

(assert (forall ((i Proc) (j Proc))
  (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
